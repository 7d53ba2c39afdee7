// Dashboards as files: export writes the format marker, the version and the dashboard's own
// fields (nothing else exists to leak: a dashboard never holds credentials); import validates.
import {
  DASHBOARD_FILE_FORMAT,
  DASHBOARD_FILE_VERSION,
  type Dashboard,
  type DashboardFile,
} from './dashboard-model';
import { validateDashboard } from './dashboard-validate';

/** Import refuses larger files before reading them: a dashboard is a few kilobytes. */
export const MAX_IMPORT_BYTES = 1_000_000;

/** The file's text; the dashboard is validated first, so unknown fields never leave. */
export function dashboardToFile(dashboard: Dashboard): string {
  const checked = validateDashboard(JSON.parse(JSON.stringify(dashboard)));
  if (!checked.ok) throw new Error(`The dashboard is not valid: ${checked.errors.join('; ')}`);
  const file: DashboardFile = {
    format: DASHBOARD_FILE_FORMAT,
    version: DASHBOARD_FILE_VERSION,
    dashboard: checked.value,
  };
  return `${JSON.stringify(file, null, 2)}\n`;
}

export function fileNameFor(dashboard: Dashboard): string {
  const slug = dashboard.name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
  return `${slug || 'dashboard'}.dashboard.json`;
}
