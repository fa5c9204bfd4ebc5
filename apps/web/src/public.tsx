import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { PublicApp } from './features/auth/PublicApp';
import './styles.css';

// The sign-in pages' own entry (connexion.html): React and these pages only, no router, no
// query cache, no schema. Once signed in, the application's bundle is loaded by a page change.
const root = document.getElementById('root');
if (!root) throw new Error('#root is missing from connexion.html');

createRoot(root).render(
  <StrictMode>
    <PublicApp pathname={window.location.pathname} />
  </StrictMode>,
);
