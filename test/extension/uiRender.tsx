// Renders a Preact tree into happy-dom and waits for the UI's async work
// (messages answered, state updates) without timers in the tests themselves.
import { render, type ComponentChild } from 'preact';
import { act } from 'preact/test-utils';

let container: HTMLElement | null = null;

export async function mount(tree: ComponentChild): Promise<HTMLElement> {
  unmount();
  container = document.createElement('div');
  document.body.appendChild(container);
  await act(async () => {
    render(tree, container!);
  });
  await settle();
  return container;
}

export function unmount(): void {
  if (container) {
    render(null, container);
    container.remove();
    container = null;
  }
}

/** Lets pending promises (message answers) resolve and Preact re-render. */
export async function settle(rounds = 5): Promise<void> {
  for (let i = 0; i < rounds; i++) {
    await act(async () => {
      await new Promise((resolve) => setTimeout(resolve, 0));
    });
  }
}

export async function click(element: Element | null): Promise<void> {
  if (!element) throw new Error('element to click not found');
  await act(async () => {
    (element as HTMLElement).click();
  });
  await settle();
}

/** Sets an input's or select's value and fires the event Preact listens to. */
export async function change(element: Element | null, value: string | boolean, eventName?: 'input' | 'change'): Promise<void> {
  if (!element) throw new Error('element to change not found');
  const input = element as HTMLInputElement;
  await act(async () => {
    if (typeof value === 'boolean') input.checked = value;
    else input.value = value;
    input.dispatchEvent(new Event(eventName ?? (input.tagName === 'INPUT' && input.type !== 'checkbox' ? 'input' : 'change'), { bubbles: true }));
  });
  await settle();
}

/** The element whose accessible name (aria-label, else text) is exactly `name`. */
export function byName(root: ParentNode, selector: string, name: string): HTMLElement | null {
  for (const el of root.querySelectorAll<HTMLElement>(selector)) {
    const label = el.id ? el.ownerDocument.querySelector(`label[for="${el.id}"]`) : null;
    const accessible = el.getAttribute('aria-label') ?? (label ?? el).textContent?.trim();
    if (accessible === name) return el;
  }
  return null;
}

/** What a control shows: its text plus any CSS-drawn label (`data-label`). */
export function shownText(element: Element): string {
  const drawn = [...element.querySelectorAll('[data-label]')].map((el) => el.getAttribute('data-label')).join(' ');
  return `${drawn} ${element.textContent ?? ''}`.trim();
}
