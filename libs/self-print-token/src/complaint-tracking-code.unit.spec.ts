import { ComplaintTrackingCodes, idPrefixOf, normalizeCode, trackingNumberOf } from './complaint-tracking-code';

const ID = '3f2a9c41-7b0e-5d21-8e44-0c9b1a2d3e4f';
const codes = new ComplaintTrackingCodes(Buffer.alloc(32, 7));

describe('complaint tracking number and code', () => {
  it('the number is the id’s first 48 bits in hex, read back whatever the case and hyphens', () => {
    expect(trackingNumberOf(ID)).toBe('ADU-3F2A-9C41-7B0E');
    expect(idPrefixOf('adu-3f2a-9c41-7b0e')).toBe('3f2a9c417b0e');
    expect(idPrefixOf(' ADU3F2A9C417B0E ')).toBe('3f2a9c417b0e');
    for (const bad of ['', 'ADU-3F2A-9C41', '3F2A-9C41-7B0E', 'ADU-3F2A-9C41-7B0G', "ADU-3F2A-9C41-7B0E' OR 1=1"])
      expect(idPrefixOf(bad)).toBeUndefined();
  });

  it('the code is 12 Crockford base-32 characters, the same for the same id, another for another id or key', () => {
    const code = codes.codeOf(ID);
    expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
    expect(codes.codeOf(ID)).toBe(code);
    expect(codes.codeOf('3f2a9c41-7b0e-5d21-8e44-0c9b1a2d3e40')).not.toBe(code);
    expect(new ComplaintTrackingCodes(Buffer.alloc(32, 8)).codeOf(ID)).not.toBe(code);
  });

  it('matches the code as people type it (case, hyphens, O for 0, I or L for 1), nothing else', () => {
    const code = codes.codeOf(ID);
    expect(codes.matches(ID, code)).toBe(true);
    expect(codes.matches(ID, code.toLowerCase().replace(/-/g, ' '))).toBe(true);
    expect(codes.matches(ID, code.replace(/0/g, 'O').replace(/1/g, 'l'))).toBe(true);
    expect(codes.matches(ID, code.slice(0, -1))).toBe(false);
    expect(codes.matches(ID, `${code}0`)).toBe(false);
    const flipped = code.slice(0, -1) + (code.endsWith('A') ? 'B' : 'A');
    expect(codes.matches(ID, flipped)).toBe(false);
    expect(normalizeCode(' k7qm-2xpa-9rtd ')).toBe('K7QM2XPA9RTD');
  });
});
