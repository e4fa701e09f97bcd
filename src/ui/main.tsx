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
const asked = performance.now();
void loadSaved().then((saved) => {
  // For bench:ui: how long reading the saved runs held up the first render.
  performance.measure('mtrec:read-saved-runs', { start: asked, end: performance.now() });
  createRoot(root).render(
    <StrictMode>
      <ErrorBoundary>
        <App saved={saved} />
      </ErrorBoundary>
    </StrictMode>,
  );
});
