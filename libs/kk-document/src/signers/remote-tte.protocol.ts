import { z } from 'zod';

/**
 * The wire shape of the remote TTE provider, modelled on BSrE's signing API: the PDF (or only its
 * hash) goes with the signer's NIK and passphrase and the visible-signature placement; the answer
 * is the signed PDF (or a CMS signature). Field names follow BSrE's (`nik`, `passphrase`,
 * `tampilan`, `halaman`, `xAxis`...), so a production adapter differs only in transport details.
 */
export const TTE_PATHS = { signPdf: '/api/sign/pdf', signHash: '/api/sign/hash' } as const;

export const signPdfRequestSchema = z.object({
  nik: z.string().regex(/^\d{16}$/),
  passphrase: z.string().min(1),
  /** Base64 of the unsigned PDF. */
  file: z.string().min(1),
  tampilan: z.enum(['visible', 'invisible']),
  /** 1-based page number. */
  halaman: z.number().int().positive(),
  /** Rectangle in PDF points from the bottom-left corner. */
  xAxis: z.number(),
  yAxis: z.number(),
  width: z.number().positive(),
  height: z.number().positive(),
  /** Base64 PNG stamped inside the rectangle (the QR code), when present. */
  imageTTD: z.string().optional(),
  reason: z.string(),
  location: z.string(),
  /** ISO time the signature claims. */
  signingTime: z.string().datetime(),
});
export type SignPdfRequest = z.infer<typeof signPdfRequestSchema>;

export const signHashRequestSchema = z.object({
  nik: z.string().regex(/^\d{16}$/),
  passphrase: z.string().min(1),
  /** Base64 SHA-256 of the PDF byte ranges to sign. */
  digest: z.string().min(1),
  digestAlgorithm: z.literal('SHA256'),
  signingTime: z.string().datetime(),
});
export type SignHashRequest = z.infer<typeof signHashRequestSchema>;

/** Hash mode answer: a detached CMS SignedData (CAdES) in base64. */
export const signHashResponseSchema = z.object({ signature: z.string().min(1) });
export type SignHashResponse = z.infer<typeof signHashResponseSchema>;

/** Error body. `status_code` values are the provider's own. */
export const tteErrorSchema = z.object({ error: z.string(), status_code: z.number().int() });
export type TteError = z.infer<typeof tteErrorSchema>;

/** Provider error codes this adapter understands. */
export const TTE_ERROR = {
  badPassphrase: 2031,
  nikNotRegistered: 1111,
  certificateNotActive: 2021,
  invalidRequest: 1001,
} as const;
