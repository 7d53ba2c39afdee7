// The app as a user drives it: controls found by their accessible names, as the issue names them.
import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';

export type VersionLabel = '3.1.1' | '5.0';
export type QosLabel = 0 | 1 | 2;

const STATUS_WORDS = /Connected|Connecting|Reconnecting|Disconnected|Error/;
/** "Connected" as a word, so that "Disconnected" never passes for it. */
export const CONNECTED = /(^|[^A-Za-z])Connected\b/;
export const DISCONNECTED = /Disconnected/;
const UI_TIMEOUT_MS = 10_000;

export interface ConnectOptions {
  url?: string;
  clientId?: string;
  username?: string;
  password?: string;
  version?: VersionLabel;
}

/** The publish form's MQTT 5 options as a person types them (DeckApp.fillPublish5). */
export interface Publish5Fill {
  contentType?: string;
  utf8?: boolean;
  expiryS?: string;
  responseTopic?: string;
  correlation?: string;
  correlationHex?: boolean;
  userProperties?: [string, string][];
  topicAlias?: string;
}

/** The subscribe form's MQTT 5 options (DeckApp.fillSubscribe5). */
export interface Subscribe5Fill {
  noLocal?: boolean;
  retainAsPublished?: boolean;
  retained?:
    'Send retained messages' | 'Only for a new subscription' | 'Do not send retained messages';
  identifier?: string;
}

export class DeckApp {
  constructor(readonly page: Page) {}

  /** Opens the app and waits until the connection form has its pre-filled broker URL. */
  static async open(page: Page, appUrl: string): Promise<DeckApp> {
    await page.goto(appUrl);
    const app = new DeckApp(page);
    await app.field('Broker URL').waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
    // The form starts with a bare wss:// until the saved profile or /dev-broker.json fills it.
    await expect
      .poll(() => app.field('Broker URL').inputValue(), { timeout: UI_TIMEOUT_MS })
      .toMatch(/^wss?:\/\/[^/]+/);
    return app;
  }

  field(name: string): Locator {
    return this.page.getByLabel(name, { exact: true });
  }

  button(name: string): Locator {
    return this.page.getByRole('button', { name, exact: true });
  }

  status(): Locator {
    return this.page.getByRole('status').filter({ hasText: STATUS_WORDS }).first();
  }

  async statusText(): Promise<string> {
    return (await this.status().textContent({ timeout: UI_TIMEOUT_MS })) ?? '';
  }

  async expectStatus(pattern: RegExp, timeoutMs = UI_TIMEOUT_MS): Promise<void> {
    await expect
      .poll(() => this.statusText(), { timeout: timeoutMs, interval: 50 })
      .toMatch(pattern);
  }

  /** Fills the connection form (only the fields given) and clicks Connect. */
  async connect(opts: ConnectOptions = {}): Promise<void> {
    if (opts.url !== undefined) await this.field('Broker URL').fill(opts.url);
    if (opts.clientId !== undefined) await this.field('Client ID').fill(opts.clientId);
    if (opts.username !== undefined) await this.field('Username').fill(opts.username);
    if (opts.password !== undefined) await this.field('Password').fill(opts.password);
    if (opts.version !== undefined) {
      await this.field('MQTT version').selectOption({ label: opts.version });
    }
    await this.button('Connect').click();
  }

  async connectAndWait(opts: ConnectOptions = {}): Promise<void> {
    await this.connect(opts);
    await this.expectStatus(CONNECTED);
  }

  /** The notice that another tab holds (or took) this connection, beside "Take over". */
  takeOverNotice(): Locator {
    return this.page.getByRole('alert').filter({ hasText: /another (MQTT Deck )?tab/i });
  }

  async requestSubscribe(filter: string, qos: QosLabel = 0): Promise<void> {
    await this.field('Topic filter').fill(filter);
    await this.field('Subscription QoS').selectOption(String(qos));
    await this.button('Subscribe').click();
  }

  /** Subscribes and waits until the row shows the broker's answer. */
  async subscribe(filter: string, qos: QosLabel = 0): Promise<Locator> {
    await this.requestSubscribe(filter, qos);
    const row = this.subscriptionRow(filter);
    await expect
      .poll(() => row.textContent(), { timeout: UI_TIMEOUT_MS })
      .toMatch(/granted QoS \d|refused/);
    return row;
  }

  /** The subscription list row for `filter`: the one holding its Unsubscribe button. */
  subscriptionRow(filter: string): Locator {
    return this.page
      .getByRole('listitem')
      .filter({ has: this.page.getByRole('button', { name: /^Unsubscribe/ }) })
      .filter({ hasText: filter });
  }

  async publish(
    topic: string,
    payload: string,
    opts: { qos?: QosLabel; retain?: boolean } = {},
  ): Promise<void> {
    await this.field('Publish topic').fill(topic);
    await this.field('Payload').fill(payload);
    await this.field('Publish QoS').selectOption(String(opts.qos ?? 0));
    await this.field('Retain').setChecked(opts.retain ?? false);
    await this.button('Publish').click();
  }

  /** What the publish form says about the last send. */
  async publishResult(): Promise<string> {
    const form = this.page.locator('form').filter({ has: this.button('Publish') });
    const live = form.locator('[aria-live], [role="status"]');
    return (await live.allTextContents()).join(' ').trim();
  }

  messagesRegion(): Locator {
    return this.page.getByRole('region', { name: 'Messages', exact: true });
  }

  /** The message rows now in the DOM (the list may render only those near the viewport). */
  messages(): Locator {
    const region = this.messagesRegion();
    return region.getByRole('article').or(region.getByRole('listitem'));
  }

  messagesWith(text: string | RegExp): Locator {
    return this.messages().filter({ hasText: text });
  }

  async expectMessage(text: string | RegExp, timeoutMs = UI_TIMEOUT_MS): Promise<Locator> {
    const found = this.messagesWith(text).first();
    await found.waitFor({ state: 'visible', timeout: timeoutMs });
    return found;
  }

  detail(): Locator {
    return this.page.getByRole('region', { name: 'Message detail', exact: true });
  }

  /** Selects a message row and waits until the detail shows its whole record. */
  async openDetail(row: Locator, topic: string): Promise<Locator> {
    await row.click();
    const detail = this.detail();
    await detail.getByText(topic, { exact: true }).first().waitFor({ timeout: UI_TIMEOUT_MS });
    return detail;
  }

  /** Switches the detail's payload view to `tab` and returns the text it shows. */
  async payloadView(tab: 'Text' | 'JSON' | 'Hex'): Promise<string> {
    const detail = this.detail();
    await detail.getByRole('tab', { name: tab, exact: true }).click();
    await expect
      .poll(() => detail.getByRole('tab', { name: tab, exact: true }).getAttribute('aria-selected'))
      .toBe('true');
    return (await detail.getByRole('tabpanel').textContent()) ?? '';
  }

  async storedCount(): Promise<number> {
    const text = await this.page.getByLabel('Stored messages', { exact: true }).textContent();
    const digits = (text ?? '').replace(/[^\d]/g, '');
    if (digits === '') throw new Error(`"Stored messages" shows no number: "${text}"`);
    return Number(digits);
  }

  async expectStoredCount(count: number, timeoutMs = UI_TIMEOUT_MS): Promise<void> {
    await expect.poll(() => this.storedCount(), { timeout: timeoutMs }).toBe(count);
  }

  /**
   * The text of the inline error for the control labelled `name`: the elements its
   * aria-describedby / aria-errormessage point to, and any role="alert" in its form.
   */
  async inlineError(name: string): Promise<string> {
    return this.field(name).evaluate((el) => {
      const ids = [el.getAttribute('aria-describedby'), el.getAttribute('aria-errormessage')]
        .join(' ')
        .split(/\s+/)
        .filter((id) => id && id !== 'null');
      const described = ids.map((id) => document.getElementById(id)?.textContent ?? '');
      const scope = el.closest('form, fieldset, section') ?? document.body;
      const alerts = Array.from(scope.querySelectorAll('[role="alert"]'), (a) => a.textContent);
      return [...described, ...alerts].join(' ').trim();
    });
  }

  /** The History view's Explore filter form (open the History view first). */
  explorerForm(): Locator {
    return this.page.getByRole('form', { name: 'Filter history', exact: true });
  }

  explorerField(name: string): Locator {
    return this.explorerForm().getByLabel(name, { exact: true });
  }

  explorerResults(): Locator {
    return this.page.getByRole('region', { name: 'History results', exact: true });
  }

  /** The matching message rows now in the DOM (the list renders only those near the viewport). */
  explorerRows(): Locator {
    return this.explorerResults().getByRole('article');
  }

  /** The connection events shown among the results. */
  explorerEvents(): Locator {
    return this.explorerResults().getByRole('note');
  }

  /** The count line: "Counting… N so far", then "N messages match". */
  explorerCount(): Locator {
    return this.explorerResults().getByRole('status');
  }

  explorerDetail(): Locator {
    return this.page.getByRole('region', { name: 'Stored message', exact: true });
  }

  /** Clears the Explore form, fills the fields given (label → value or checked) and searches. */
  async explore(fields: Record<string, string | boolean> = {}): Promise<void> {
    await this.explorerForm().getByRole('button', { name: 'Clear', exact: true }).click();
    for (const [label, value] of Object.entries(fields)) {
      const control = this.explorerField(label);
      if (typeof value === 'boolean') await control.setChecked(value);
      else if ((await control.evaluate((el) => el.tagName)) === 'SELECT') {
        await control.selectOption({ label: value });
      } else await control.fill(value);
    }
    await this.explorerForm().getByRole('button', { name: 'Search', exact: true }).click();
  }

  /** The topics of the result rows now in the DOM, newest first (poll it after a search). */
  explorerTopics(): Promise<string[]> {
    return this.explorerRows().locator('.msg-topic').allTextContents();
  }

  /** Opens one of the History view's tabs (open the History view first). */
  async historyTab(
    name: 'Explore' | 'Topics' | 'Chart' | 'Import & export' | 'Storage',
  ): Promise<void> {
    const tab = this.page.getByRole('tab', { name, exact: true });
    if ((await tab.getAttribute('aria-selected')) !== 'true') await tab.click();
    await expect.poll(() => tab.getAttribute('aria-selected')).toBe('true');
  }

  /** The History view's "Showing" picker: live history or a capture (its name ends with it). */
  historySource(): Locator {
    return this.page.getByRole('combobox', { name: /^Showing\b/ });
  }

  /** The Import & export tab's Export and Import cards. */
  exportCard(): Locator {
    return this.page.getByRole('region', { name: 'Export', exact: true });
  }

  importCard(): Locator {
    return this.page.getByRole('region', { name: 'Import', exact: true });
  }

  /**
   * Imports `text` as the NDJSON file `fileName` with the Import & export tab's file input (the
   * History view shown) and waits for its result: "Imported N messages…".
   */
  async importNdjson(fileName: string, text: string): Promise<void> {
    await this.historyTab('Import & export');
    await this.importCard()
      .getByLabel('Choose file', { exact: true })
      .setInputFiles({
        name: fileName,
        mimeType: 'application/x-ndjson',
        buffer: Buffer.from(text),
      });
    await this.importCard().getByRole('button', { name: 'Import', exact: true }).click();
    await this.importCard()
      .getByRole('status')
      .filter({ hasText: /^Imported/ })
      .waitFor({ timeout: 30_000 });
  }

  /** The Storage tab's list of captures, one listitem per capture. */
  captureItems(): Locator {
    return this.page.getByRole('list', { name: 'Captures', exact: true }).getByRole('listitem');
  }

  /** The inline error the Explore form shows for the control labelled `name` (aria-describedby). */
  async explorerError(name: string): Promise<string> {
    const control = this.explorerField(name);
    await expect.poll(() => control.getAttribute('aria-invalid')).toBe('true');
    return control.evaluate((el) => {
      const ids = (el.getAttribute('aria-describedby') ?? '').split(/\s+/).filter(Boolean);
      return ids.map((id) => document.getElementById(id)?.textContent ?? '').join(' ');
    });
  }

  /** The Saved payloads section under the publish form (its own chunk: waits for it). */
  savedPayloads(): Locator {
    return this.page.getByRole('region', { name: /^Saved payloads/ });
  }

  /** The saved payload named `name`, found by its Send button. */
  savedPayload(name: string): Locator {
    return this.savedPayloads()
      .getByRole('listitem')
      .filter({ has: this.page.getByRole('button', { name: `Send ${name}`, exact: true }) });
  }

  /** "Save current as…" with the publish form as it is, named `name`; waits until it is listed. */
  async saveCurrentAs(name: string): Promise<void> {
    const section = this.savedPayloads();
    await section.getByRole('button', { name: 'Save current as…', exact: true }).click();
    await section.getByLabel('Template name', { exact: true }).fill(name);
    await section.getByRole('button', { name: 'Save template', exact: true }).click();
    await this.savedPayload(name).waitFor({ timeout: UI_TIMEOUT_MS });
  }

  /** What the Saved payloads section says about its last action (and any import errors). */
  async savedPayloadsNotice(): Promise<string> {
    const live = this.savedPayloads().locator('[aria-live], [role="alert"]');
    return (await live.allTextContents()).join(' ').trim();
  }

  /** Chooses `text` as the file `fileName` in the Saved payloads' Import. */
  async importSavedPayloads(fileName: string, text: string | Buffer): Promise<void> {
    await this.savedPayloads()
      .getByLabel('Import saved payloads', { exact: true })
      .setInputFiles({ name: fileName, mimeType: 'application/json', buffer: Buffer.from(text) });
  }

  /** Opens the Profiles view with the connection form's "Manage profiles" link. */
  async showProfiles(): Promise<void> {
    // After a reload on #/profiles the view is already there (and the form hidden).
    if ((await this.page.evaluate(() => location.hash)) !== '#/profiles') {
      await this.page.getByRole('link', { name: 'Manage profiles', exact: true }).click();
    }
    // The list itself has no size while empty: its heading shows the view is there.
    await this.page
      .getByRole('heading', { name: 'Saved profiles', exact: true })
      .waitFor({ timeout: UI_TIMEOUT_MS });
  }

  profileList(): Locator {
    return this.page.getByRole('list', { name: 'Saved profiles', exact: true });
  }

  /** The saved profile card named `name` in the Profiles view. */
  profileCard(name: string): Locator {
    return this.profileList().getByRole('article', { name, exact: true });
  }

  /** The saved profiles' names, in the list's order. */
  async profileNames(): Promise<string[]> {
    return this.profileList().getByRole('heading').allTextContents();
  }

  /** The profile editor titled `title` ("New profile", "Edit <name>", "Duplicate profile"). */
  profileEditor(title: string): Locator {
    return this.page.getByRole('region', { name: title, exact: true });
  }

  /** Opens (if closed) the publish or subscribe form's MQTT 5 section (its own chunk: waits). */
  async openMqtt5(form: 'publish' | 'subscribe'): Promise<Locator> {
    const toggle = this.button(`MQTT 5 ${form} options`);
    if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
    const section = this.page.locator(`#${form}-mqtt5`);
    await section.waitFor({ timeout: UI_TIMEOUT_MS });
    return section;
  }

  /** Fills the publish form's MQTT 5 options given (open it first with openMqtt5). */
  async fillPublish5(opts: Publish5Fill): Promise<void> {
    const text: [string, string | undefined][] = [
      ['Content type', opts.contentType],
      ['Message expiry (s)', opts.expiryS],
      ['Response topic', opts.responseTopic],
      ['Topic alias', opts.topicAlias],
      ['Correlation data', opts.correlation],
    ];
    for (const [label, value] of text) if (value !== undefined) await this.field(label).fill(value);
    if (opts.utf8 !== undefined) await this.field('Payload is UTF-8 text').setChecked(opts.utf8);
    if (opts.correlationHex !== undefined) {
      await this.field('Correlation data in hex').setChecked(opts.correlationHex);
    }
    for (const [i, [name, value]] of (opts.userProperties ?? []).entries()) {
      await this.button('Add user property').click();
      await this.field(`User property name ${i + 1}`).fill(name);
      await this.field(`User property value ${i + 1}`).fill(value);
    }
  }

  /** Sets the subscribe form's MQTT 5 options given (open it first with openMqtt5). */
  async fillSubscribe5(opts: Subscribe5Fill): Promise<void> {
    if (opts.noLocal !== undefined) await this.field('No local').setChecked(opts.noLocal);
    if (opts.retainAsPublished !== undefined) {
      await this.field('Retain as published').setChecked(opts.retainAsPublished);
    }
    if (opts.retained !== undefined) {
      await this.field('Retained messages').selectOption({ label: opts.retained });
    }
    if (opts.identifier !== undefined) {
      await this.field('Subscription identifier').fill(opts.identifier);
    }
  }

  /** The Outbox row of the newest publish to `topic`. */
  outboxRow(topic: string): Locator {
    return this.page
      .getByRole('region', { name: 'Outbox', exact: true })
      .getByRole('listitem')
      .filter({ hasText: topic })
      .first();
  }

  /** The connections bar (one item per open connection). */
  connectionsBar(): Locator {
    return this.page.getByRole('navigation', { name: 'Connections', exact: true });
  }

  /** The bar's item for the connection whose client ID is `clientId`. */
  connectionItem(clientId: string): Locator {
    return this.connectionsBar()
      .getByRole('listitem')
      .filter({ hasText: ` · ${clientId}` });
  }

  /** Selects a connection in the bar: the form, subscribe and publish then work on it. */
  async chooseConnection(clientId: string): Promise<void> {
    await this.connectionItem(clientId).getByRole('button').first().click();
    await expect
      .poll(() =>
        this.connectionItem(clientId).getByRole('button').first().getAttribute('aria-pressed'),
      )
      .toBe('true');
  }

  /** "New connection", then Connect with `opts`: a second connection beside the open ones. */
  async connectAlongside(opts: ConnectOptions): Promise<void> {
    await this.button('New connection').click();
    await this.connectAndWait(opts);
  }
}
