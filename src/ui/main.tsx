import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { ErrorBoundary } from './ErrorBoundary';
import { loadSaved } from './playground/savedRuns';
import './styles.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
// The runs kept from the last visit are read before the first render (a few ms; at most a few
// seconds when storage hangs), so the lessons count runs from a log that is already complete.
void loadSaved().then((saved) =>
  createRoot(root).render(
    <StrictMode>
      <ErrorBoundary>
        <App saved={saved} />
      </ErrorBoundary>
    </StrictMode>,
  ),
);
