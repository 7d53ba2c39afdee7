// Entry point: mounts the app into #root, then registers the service worker.
import { render } from 'solid-js/web';
import { App } from './app/App';
import './history/transfer/launch-files';
import { registerServiceWorker } from './app/service-worker';
import './app/styles.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element.');
render(() => <App />, root);
registerServiceWorker();
