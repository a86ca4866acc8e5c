import type { ProviderKind, SlotConfig } from '../../../src/config/types';
import type { ProviderDeps } from '../../../src/providers/types';
import type { FakeServer, RecordedRequest } from '../../fakes/fakeServer';
import type { FaultId } from './faults';

/** A healthy answer in one family's wire format, frame by frame, so faults can cut it at known places. */
export interface WireStream {
  contentType: string;
  /** Protocol frames: SSE events, NDJSON lines or event-stream messages. */
  frames: Buffer[];
  /** Index of the first frame that yields output (text). */
  firstOutputFrame: number;
  /** The text the whole answer streams. */
  text: string;
  /** A frame the decoder cannot read. */
  malformedFrame: Buffer;
  /** The error the service sends inside a 200 stream (Anthropic `event: error`, an `{"error":…}` chunk or line). */
  errorEventFrame?: Buffer;
}

export interface FaultContext {
  server: FakeServer;
  /** Where the chat endpoint lives: the fake server, or a port nobody listens on (connection refused). */
  chatBaseUrl: string;
  /** A fresh temporary directory (credential files, home). */
  dir: string;
  fault: FaultId;
}

/** One family's slot for one fault case, and how its fake server recognises the request's credential. */
export interface FamilySetup {
  slot: SlotConfig;
  deps?: Partial<ProviderDeps>;
  chat: { method: string; path: string };
  /** The credential a chat request carries: echoed back in error bodies, like servers that quote a bad key. */
  credentialOf(request: RecordedRequest): string | undefined;
  /** False when the request carries a stale token: the fake answers 401. */
  accepts?(request: RecordedRequest): boolean;
  /** Family checks after the case (how many refreshes happened). */
  verify?(): void;
  /** Secrets of this slot the logger's redactor is told about (as the credential store would). */
  knownSecrets: string[];
}

export interface Family {
  id: string;
  label: string;
  kind: ProviderKind;
  faults: readonly FaultId[];
  wire(): WireStream;
  /** An error body in the family's dialect for `status`, quoting `echo` (what the server received). */
  errorBody(status: number, echo: string | undefined): unknown;
  setup(context: FaultContext): Promise<FamilySetup>;
  /** Answers the chat request for a family-only fault; returns false when it does not handle `fault`. */
  special?(fault: FaultId, response: import('node:http').ServerResponse, wire: WireStream): Promise<boolean>;
}

export const SOURCE = { file: 'skynet.toml', line: 1, column: 1 };

export function bearerOf(request: RecordedRequest): string | undefined {
  const header = request.headers.authorization;
  return typeof header === 'string' ? header.replace(/^Bearer\s+/i, '') : undefined;
}

/** SSE frames (`data: …` per payload, optionally `event:` lines), then `data: [DONE]` unless told not to. */
export function sseFrames(payloads: string[], options: { eventNames?: boolean; done?: boolean } = {}): Buffer[] {
  const frames = payloads.map((payload) => {
    const type = options.eventNames ? (JSON.parse(payload) as { type?: string }).type : undefined;
    return Buffer.from(`${type ? `event: ${type}\n` : ''}data: ${payload}\n\n`, 'utf8');
  });
  if (options.done !== false) frames.push(Buffer.from('data: [DONE]\n\n', 'utf8'));
  return frames;
}

/** The bytes before frame `index`. */
export function offsetOfFrame(wire: WireStream, index: number): number {
  return wire.frames.slice(0, index).reduce((sum, frame) => sum + frame.length, 0);
}
