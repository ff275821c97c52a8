import type { ServiceOffice } from './service-office';

export const TEMPLATE_NAMES = [
  'submission-received',
  'correction-requested',
  'file-returned',
  'kk-ready',
  'self-print-link',
  'survey-invitation',
  'rejected',
  'withdrawn',
] as const;
export type TemplateName = (typeof TEMPLATE_NAMES)[number];

/** What every message knows: who it is for, which application, which office. */
export interface MessageContext {
  applicant: { namaLengkap: string; nik: string };
  /** The receipt number when one is issued, else the application's registration number. */
  referenceNumber: string;
  /** "Penerbitan KK karena penambahan anggota keluarga (kelahiran)". */
  serviceName: string;
  office: ServiceOffice;
}

/** One item the applicant must fix, with its label from the standard. */
export interface ItemToFix {
  label: string;
  reason: string;
}

export type TemplateInput = MessageContext &
  (
    | {
        template: 'submission-received';
        /** The SLA due time (ISO-8601) once the file is complete; absent before. */
        slaDueAt?: string;
        slaWorkingDays: number;
      }
    | { template: 'correction-requested'; items: ItemToFix[]; dueAt: string }
    | { template: 'file-returned'; reason: string; items: ItemToFix[] }
    | { template: 'kk-ready'; selfPrintAvailable: boolean }
    | { template: 'self-print-link'; url: string; expiresAt: string }
    | { template: 'survey-invitation'; url: string; expiresAt: string }
    | { template: 'rejected'; reason: string }
    | { template: 'withdrawn'; reason?: string }
  );

export type InputOf<T extends TemplateName> = Extract<TemplateInput, { template: T }>;

/** A rendered message: mail subject and bodies, and `short` for SMS/WhatsApp (one paragraph). */
export interface RenderedMessage {
  subject: string;
  text: string;
  html: string;
  short: string;
}
