/** The file of the import wizard on its way to the server: chosen, sent with progress, stopped, or gone. */
import { useEffect, useRef, useState } from 'react';
import { uploadImportFile, type UploadT } from './api.js';

export function useUpload() {
  const [file, setFile] = useState<File | null>(null);
  const [upload, setUpload] = useState<UploadT | null>(null);
  const [sent, setSent] = useState<{ sent: number; total: number } | null>(null);
  const [error, setError] = useState<unknown>(null);
  const abort = useRef<AbortController | null>(null);

  useEffect(() => () => abort.current?.abort(), []);

  /** Sends a chosen file, stopping one still on its way; `onUploaded` gets the server's upload. */
  const send = (chosen: File, onUploaded: (upload: UploadT) => void) => {
    abort.current?.abort();
    const controller = new AbortController();
    abort.current = controller;
    setFile(chosen);
    setUpload(null);
    setError(null);
    setSent({ sent: 0, total: chosen.size });
    uploadImportFile(chosen, (done, total) => setSent({ sent: done, total }), controller.signal)
      .then((result) => {
        if (controller.signal.aborted) return;
        setUpload(result);
        onUploaded(result);
      })
      .catch((failure: unknown) => {
        if (!controller.signal.aborted) setError(failure);
      })
      .finally(() => {
        if (abort.current === controller) {
          abort.current = null;
          setSent(null);
        }
      });
  };

  /** Stops the file on its way. */
  const cancel = () => {
    abort.current?.abort();
    abort.current = null;
    setSent(null);
    setFile(null);
  };

  /** Forgets the file, its upload and any failure (starting over). */
  const clear = () => {
    cancel();
    setUpload(null);
    setError(null);
  };

  return { file, upload, sent, error, uploading: sent !== null, send, cancel, clear };
}
