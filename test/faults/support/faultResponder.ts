import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RecordedRequest } from '../../fakes/fakeServer';
import { replyError, writeInPieces, type WriteOptions } from '../../fakes/wire';
import type { Fault } from './faults';
import { offsetOfFrame, type Family, type FamilySetup, type WireStream } from './family';

const STATUS_FAULTS: Partial<Record<Fault['id'], number>> = {
  '429 Retry-After': 429,
  '429': 429,
  '500': 500,
  '502': 502,
  '503': 503,
  '529 overloaded': 529,
};

/** Where mid-stream faults strike: inside the frame after the one following the first output, so text is already out. */
export function midStreamOffset(wire: WireStream): number {
  const index = wire.firstOutputFrame + 2;
  if (index >= wire.frames.length) throw new Error('the healthy answer is too short to cut mid-stream');
  return offsetOfFrame(wire, index) + Math.max(1, Math.floor(wire.frames[index].length / 2));
}

/** A clean cut between frames, after some output and before the end (no finish, no terminator). */
export function truncationOffset(wire: WireStream): number {
  return offsetOfFrame(wire, wire.firstOutputFrame + 2);
}

async function stream(
  response: ServerResponse,
  wire: WireStream,
  frames: Buffer[],
  options: WriteOptions = {},
): Promise<void> {
  response.writeHead(200, { 'content-type': wire.contentType, 'cache-control': 'no-cache' });
  response.flushHeaders();
  await writeInPieces(response, Buffer.concat(frames), options);
}

/** Answers one chat request of the faulty slot: the fault in the family's own wire format. */
export async function answerWithFault(
  family: Family,
  setup: FamilySetup,
  wire: WireStream,
  fault: Fault,
  request: RecordedRequest,
  response: ServerResponse,
  raw: IncomingMessage,
): Promise<void> {
  const echo = setup.credentialOf(request);
  if (setup.accepts && !setup.accepts(request)) return replyError(response, 401, family.errorBody(401, echo));
  const status = STATUS_FAULTS[fault.id];
  if (status !== undefined) {
    const headers: Record<string, string> =
      fault.retryAfterMs !== undefined ? { 'retry-after': String(fault.retryAfterMs / 1000) } : {};
    return replyError(response, status, family.errorBody(status, echo), headers);
  }
  switch (fault.id) {
    case 'reset before headers':
      raw.socket.destroy();
      return;
    case 'stall before first byte':
      return; // Never answer: the client's first-byte timeout must end the wait.
    case 'malformed chunk':
      return stream(response, wire, [wire.malformedFrame, ...wire.frames]);
    case 'error event in stream':
      if (!wire.errorEventFrame) throw new Error(`${family.label} has no in-stream error event`);
      return stream(response, wire, [wire.errorEventFrame]);
    case 'malformed chunk mid-stream': {
      const cut = wire.firstOutputFrame + 2;
      return stream(response, wire, [...wire.frames.slice(0, cut), wire.malformedFrame, ...wire.frames.slice(cut)]);
    }
    case 'reset mid-stream':
      return stream(response, wire, wire.frames, { resetAfterBytes: midStreamOffset(wire) });
    case 'stall mid-stream':
    case 'cancel mid-stream':
      return stream(response, wire, wire.frames, { stallAfterBytes: midStreamOffset(wire) });
    case 'truncated stream':
      return stream(response, wire, wire.frames, { truncateAfterBytes: truncationOffset(wire) });
    default:
      if (family.special && (await family.special(fault.id, response, wire))) return;
      return stream(response, wire, wire.frames);
  }
}
