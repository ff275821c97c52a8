import { currentSession } from '../../auth/session';
import { ApiProblem } from '../../api';

export interface UploadedScan {
  documentId: string;
}

/**
 * Sends one scan as the request body (the documents route takes raw bytes) with XMLHttpRequest,
 * because fetch cannot report upload progress; `onProgress` gets 0..1.
 */
export function uploadScan(
  applicationId: string,
  requirementId: string,
  file: Blob,
  onProgress: (share: number) => void,
): Promise<UploadedScan> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/api/applications/${encodeURIComponent(applicationId)}/documents/${encodeURIComponent(requirementId)}`);
    const session = currentSession();
    if (session) xhr.setRequestHeader('authorization', `Bearer ${session.accessToken}`);
    xhr.setRequestHeader('content-type', 'application/octet-stream');
    xhr.upload.onprogress = (e) => e.lengthComputable && onProgress(e.loaded / e.total);
    xhr.onload = () => {
      let body: { message?: string; code?: string; errors?: { field: string; message: string }[] } | null = null;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        body = null;
      }
      if (xhr.status >= 200 && xhr.status < 300) resolve(body as unknown as UploadedScan);
      else
        reject(
          new ApiProblem(
            xhr.status,
            body?.code ?? 'UNKNOWN',
            body?.message ?? 'Berkas tidak dapat diunggah. Silakan coba lagi.',
            body?.errors ?? [],
          ),
        );
    };
    xhr.onerror = () => reject(new ApiProblem(0, 'OFFLINE', 'Sambungan terputus saat mengunggah. Periksa jaringan Anda lalu coba lagi.'));
    xhr.send(file);
  });
}
