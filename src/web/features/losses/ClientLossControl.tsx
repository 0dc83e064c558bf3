export default function ClientLossControl(props: { clientId: number; status: string; writable: boolean }) {
  void props;
  return null;
}
