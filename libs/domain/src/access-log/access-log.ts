import { invalid } from '../shared/domain-error';
import type { Decider } from '../shared/decider';

/**
 * Reading personal data is recorded (UU 27/2022 on personal data protection): every time staff view
 * an application's submitted data or download one of its scans, who, what and when goes to the
 * application's access stream (`access-<applicationId>`), hash-chained like every stream, so an
 * altered or removed record shows. docs/decisions/0016-personal-data-access-as-events.md.
 */
const STREAM_PREFIX = 'access-';
export const accessLogStreamId = (applicationId: string): string => `${STREAM_PREFIX}${applicationId}`;

/** Staff roles whose reads are recorded; a citizen reading their own application is not (decision 0016). */
export const STAFF_READER_ROLES = ['petugas-desa', 'operator-kecamatan', 'penandatangan', 'auditor', 'admin', 'petugas-pengaduan'] as const;
export type StaffReaderRole = (typeof STAFF_READER_ROLES)[number];
export const isStaffReader = (role: string): role is StaffReaderRole => (STAFF_READER_ROLES as readonly string[]).includes(role);

/**
 * Which personal data was read: the submitted data, one scan (its document id), the unsigned KK as
 * the signer previews it, the signed KK as the counter prints it (its document id), or the tanda
 * terima slip of a counter file, or the application's history with its personal data (the auditor's
 * unmasked history, decision 0023), or the whole stream exported as a signed bundle (the
 * auditor's `adminduk export`, decision 0022).
 */
export type PersonalDataView =
  | { kind: 'data' }
  | { kind: 'scan'; documentId: string; disposition: 'attachment' | 'inline' }
  | { kind: 'kk-preview' }
  | { kind: 'signed-kk'; documentId: string }
  | { kind: 'receipt' }
  | { kind: 'history' }
  | { kind: 'export' };

export interface PersonalDataViewer {
  userId: string;
  role: StaffReaderRole;
  /** The reader's office: operators' kecamatan, village officers' desa (codes, not personal data). */
  kecamatan?: string;
  desa?: string;
}

export type PersonalDataViewed = {
  type: 'PersonalDataViewed';
  schemaVersion: 1;
  data: { applicationId: string; view: PersonalDataView; viewer: PersonalDataViewer; at: string };
};
export type AccessLogEvent = PersonalDataViewed;

export type RecordPersonalDataView = {
  type: 'RecordPersonalDataView';
  data: { applicationId: string; view: PersonalDataView; viewer: PersonalDataViewer };
};

export interface AccessLogState {
  /** Records so far; the access stream only grows. */
  views: number;
}

export interface AccessLogContext {
  now: Date;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/** A signed KK's id (signing's kkDocumentId): letters, digits and dashes. */
const DOCUMENT_ID = /^[A-Za-z0-9-]{1,100}$/;

function decideAccessLog(command: RecordPersonalDataView, _state: AccessLogState, context: AccessLogContext): AccessLogEvent[] {
  const { applicationId, view, viewer } = command.data;
  if (!isStaffReader(viewer.role)) throw invalid('ACCESS_VIEWER_NOT_STAFF', 'Hanya akses petugas yang dicatat');
  const cleanView = viewOf(view);
  const cleanViewer: PersonalDataViewer = {
    userId: viewer.userId,
    role: viewer.role,
    ...(viewer.kecamatan ? { kecamatan: viewer.kecamatan } : {}),
    ...(viewer.desa ? { desa: viewer.desa } : {}),
  };
  return [
    {
      type: 'PersonalDataViewed',
      schemaVersion: 1,
      data: { applicationId, view: cleanView, viewer: cleanViewer, at: context.now.toISOString() },
    },
  ];
}

/** The view with its named fields only (nothing else a caller adds reaches the event), checked. */
function viewOf(view: PersonalDataView): PersonalDataView {
  switch (view.kind) {
    case 'scan':
      if (!UUID.test(view.documentId)) throw badDocumentId('Harus berupa UUID');
      return { kind: 'scan', documentId: view.documentId, disposition: view.disposition === 'inline' ? 'inline' : 'attachment' };
    case 'signed-kk':
      if (!DOCUMENT_ID.test(view.documentId)) throw badDocumentId('Format tidak valid');
      return { kind: 'signed-kk', documentId: view.documentId };
    case 'data':
    case 'kk-preview':
    case 'receipt':
    case 'history':
    case 'export':
      return { kind: view.kind };
    default:
      throw invalid('ACCESS_VIEW_UNKNOWN', 'Jenis akses tidak dikenal', [
        { field: 'view', code: 'UNKNOWN', message: 'Jenis akses tidak dikenal' },
      ]);
  }
}

const badDocumentId = (message: string) =>
  invalid('ACCESS_DOCUMENT_INVALID', 'ID dokumen tidak valid', [{ field: 'documentId', code: 'INVALID_DOCUMENT_ID', message }]);

export const accessLogDecider: Decider<RecordPersonalDataView, AccessLogState, AccessLogEvent, AccessLogContext> = {
  initialState: () => ({ views: 0 }),
  evolve: (state) => ({ views: state.views + 1 }),
  decide: decideAccessLog,
};
