import { positionFromString, positionToString, type GlobalPosition, type RecordedEvent } from './event-envelope';

/**
 * How a recorded event travels on the bus (JSON body of a JetStream message). Positions are bigints
 * in memory and "commit/prepare" strings on the wire.
 */
export interface WireEvent {
  streamId: string;
  revision: number;
  position: string;
  type: string;
  data: unknown;
  metadata: RecordedEvent['metadata'];
}

export function toWire(e: RecordedEvent): WireEvent {
  return {
    streamId: e.streamId,
    revision: e.revision,
    position: positionToString(e.position),
    type: e.type,
    data: e.data,
    metadata: e.metadata,
  };
}

export function fromWire(w: WireEvent): RecordedEvent {
  return { ...w, position: positionFromString(w.position) };
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

export function encodeWireEvent(e: RecordedEvent): Uint8Array {
  return encoder.encode(JSON.stringify(toWire(e)));
}

export function decodeWireEvent(data: Uint8Array): RecordedEvent {
  return fromWire(JSON.parse(decoder.decode(data)) as WireEvent);
}

const POSITION = /"position":"(\d+\/\d+)"/;

/**
 * Only the global position of a wire event, without parsing the rest: for consumers that read the
 * events themselves from the store and use the bus as a wake-up. toWire() writes the position
 * before type, data and metadata, and the stream id before it cannot contain an unescaped quote, so
 * the first match in the opening bytes is the event's own; anything else falls back to a full parse.
 */
export function wirePosition(data: Uint8Array): GlobalPosition {
  const m = POSITION.exec(decoder.decode(data.subarray(0, 400)));
  return m ? positionFromString(m[1]) : decodeWireEvent(data).position;
}
