// Files the installed app was opened with (manifest file_handlers, launch-files.ts):
// rendered once in the History view, it imports them into captures and shows the last one.
import { createEffect } from 'solid-js';
import { launchedFiles } from './launch-files';
import { useExplorer } from '../explorer';
import { importLaunchedFiles } from './import-run';

export function LaunchedFiles() {
  const explorer = useExplorer();
  createEffect(() => {
    if (launchedFiles().length > 0) void importLaunchedFiles(explorer);
  });
  return null;
}
