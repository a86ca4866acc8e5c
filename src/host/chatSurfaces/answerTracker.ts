import * as vscode from 'vscode';
import type { FailoverEvent } from '../../router/types';

export interface AnswerRecord {
  slot: string;
  latencyMs?: number;
  failovers: FailoverEvent[];
  at: number;
}

/** Which slot answered last (for the status bar), fed by the LM provider and the participant. */
export class AnswerTracker implements vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<AnswerRecord>();
  readonly onDidAnswer = this.emitter.event;
  private latest: AnswerRecord | undefined;

  get last(): AnswerRecord | undefined {
    return this.latest;
  }

  record(answer: AnswerRecord): void {
    this.latest = answer;
    this.emitter.fire(answer);
  }

  dispose(): void {
    this.emitter.dispose();
  }
}
