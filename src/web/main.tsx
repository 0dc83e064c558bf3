import '@mantine/core/styles.css';
import './app/global.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App.js';
import { initI18n } from './lib/i18n.js';

const root = document.getElementById('root');
if (!root) throw new Error('#root is missing from index.html');

// The language (and its catalogue, when it is not Russian) is ready before the first render,
// so no screen ever shows a key or flips language.
void initI18n().finally(() => {
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
});
