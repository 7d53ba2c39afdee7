// The app's controls found by their accessible names (as a person or a screen reader finds them)
// and driven with the events a person's typing and clicking fire.

type Control = HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;

function namesOf(element: Control): string[] {
  const names = Array.from(element.labels ?? [], (label) => label.textContent?.trim() ?? '');
  const aria = element.getAttribute('aria-label');
  if (aria) names.push(aria.trim());
  return names;
}

function control(name: string): Control {
  const all = document.querySelectorAll<Control>('input, select, textarea');
  const found = Array.from(all).find((element) => namesOf(element).includes(name));
  if (!found) throw new Error(`no control labelled "${name}"`);
  return found;
}

/** Types `value` into a text field or chooses it in a select, as the user would. */
export function fillControl(name: string, value: string): void {
  const element = control(name);
  if (element instanceof HTMLSelectElement) {
    element.value = value;
  } else {
    // Solid reads the value in its input handler: set it the way the browser's typing does.
    const proto = Object.getPrototypeOf(element) as object;
    Object.getOwnPropertyDescriptor(proto, 'value')?.set?.call(element, value);
  }
  element.dispatchEvent(new Event('input', { bubbles: true }));
  element.dispatchEvent(new Event('change', { bubbles: true }));
}

/** Clicks the button named `name` (its text or aria-label); fails when it is disabled. */
export function pressButton(name: string): void {
  const buttons = Array.from(document.querySelectorAll('button'));
  const button = buttons.find(
    (b) => (b.getAttribute('aria-label') ?? b.textContent ?? '').trim() === name,
  );
  if (!button) throw new Error(`no button named "${name}"`);
  if (button.disabled) throw new Error(`the button "${name}" is disabled`);
  button.click();
}

/** The value, or for a checkbox whether it is checked, of the control labelled `name`. */
export function controlState(name: string): string | boolean {
  const element = control(name);
  return element instanceof HTMLInputElement && element.type === 'checkbox'
    ? element.checked
    : element.value;
}

/** Text of every element matching `selector` (e.g. '[role="status"]'), for the bench to match. */
export function textsOf(selector: string): string[] {
  return Array.from(document.querySelectorAll(selector), (e) => (e.textContent ?? '').trim());
}

/** The control labelled `name`, scrolled into view, and its centre in viewport CSS pixels. */
export function clickTarget(name: string): { element: Element; x: number; y: number } {
  const element = control(name);
  element.scrollIntoView({ block: 'center' });
  const box = element.getBoundingClientRect();
  if (box.width === 0 || box.height === 0) throw new Error(`"${name}" is not visible`);
  return { element, x: box.left + box.width / 2, y: box.top + box.height / 2 };
}
