// Every question whose "yes" lets the extension remove something, revoke a token or send a token to
// a new host goes through askConsent, and only a person answers it: command arguments cannot, since
// any other extension can pass them. Host tests answer through the test hooks instead (the queue
// below exists only when activate() hands out those hooks).
import * as vscode from 'vscode';

/** true: the first (confirming) button; false: dismissed; a string: the button with that label. */
export type ConsentAnswer = boolean | string;

export interface ConsentOptions {
  detail?: string;
  /** Warning unless the question is routine (e.g. applying a reviewed plan). */
  severity?: 'warning' | 'info';
}

/** What host tests see of the consent questions (test hooks only). */
export interface TestConsent {
  /** Answers for the next question(s), in order. A question with no answer queued is dismissed. */
  queue(...answers: ConsentAnswer[]): void;
  /** Queued answers not used yet. */
  pending(): number;
  /** Every question asked so far (its message), oldest first. */
  readonly asked: string[];
  /** Drops queued answers and the record of questions. */
  clear(): void;
}

let testConsent: (TestConsent & { take(): ConsentAnswer | undefined }) | undefined;

/** Called by the test hooks only; production code never has queued answers. */
export function enableTestConsent(): TestConsent {
  const answers: ConsentAnswer[] = [];
  const asked: string[] = [];
  testConsent ??= {
    queue: (...more) => void answers.push(...more),
    pending: () => answers.length,
    asked,
    clear: () => {
      answers.length = 0;
      asked.length = 0;
    },
    take: () => answers.shift(),
  };
  return testConsent;
}

/**
 * A modal question; resolves to the button chosen, or undefined when dismissed. `buttons[0]` is
 * the one that consents.
 */
export async function askConsent(
  message: string,
  options: ConsentOptions,
  ...buttons: [string, ...string[]]
): Promise<string | undefined> {
  if (testConsent) {
    testConsent.asked.push(message);
    const answer = testConsent.take();
    if (answer !== undefined)
      return answer === true ? buttons[0] : typeof answer === 'string' && buttons.includes(answer) ? answer : undefined;
  }
  const modal: vscode.MessageOptions = { modal: true, ...(options.detail ? { detail: options.detail } : {}) };
  try {
    return options.severity === 'info'
      ? await vscode.window.showInformationMessage(message, modal, ...buttons)
      : await vscode.window.showWarningMessage(message, modal, ...buttons);
  } catch {
    // A dialog that cannot be shown is no consent.
    return undefined;
  }
}

/** askConsent for a single yes: true only when the confirming button was chosen. */
export async function confirmed(message: string, options: ConsentOptions, button: string): Promise<boolean> {
  return (await askConsent(message, options, button)) === button;
}
