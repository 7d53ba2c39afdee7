// Entry point: mounts the app into #root, then registers the service worker.
import { render } from 'solid-js/web';
import { App } from './App';
import './lib/launch-files';
import { registerServiceWorker } from './service-worker';
import './styles.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element.');
render(() => <App />, root);
registerServiceWorker();
