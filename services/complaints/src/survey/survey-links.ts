import type { Clock, SurveyCommands } from '@adminduk/application-commands';
import { DomainError, kkKelahiranCatalog } from '@adminduk/domain';
import { ApiError, apiError } from '@adminduk/http';
import { verifyLinkToken, type SelfPrintVerifyKey } from '@adminduk/self-print-token';

const unknownLink = () =>
  new ApiError(apiError(404, 'SURVEY_LINK_INVALID', 'Tautan survei tidak dikenal. Periksa kembali tautan pada e-mail Anda.'));
const expiredLink = () => new ApiError(apiError(410, 'SURVEY_LINK_EXPIRED', 'Masa berlaku tautan survei sudah habis.'));
const alreadyAnswered = () =>
  new ApiError(apiError(409, 'SURVEY_ALREADY_ANSWERED', 'Survei untuk permohonan ini sudah diisi. Terima kasih atas penilaian Anda.'));

export interface SurveyPage {
  kecamatan: string;
  serviceName: string;
  expiresAt: string;
}

/**
 * The survey link as its visitor uses it: the token verified (signature, purpose, expiry), then the
 * invitation it names. Refusals in the one error shape: 404 not ours, 410 expired, 409 answered.
 */
export class SurveyLinks {
  constructor(
    private readonly commands: () => Promise<SurveyCommands>,
    private readonly keys: readonly SelfPrintVerifyKey[],
    private readonly clock: Clock,
  ) {}

  async page(token: string): Promise<SurveyPage> {
    const grant = this.grantOf(token);
    const link = await (await this.commands()).linkStatus(grant);
    if (link.status === 'unknown') throw unknownLink();
    if (link.status === 'answered') throw alreadyAnswered();
    if (link.status === 'expired') throw expiredLink();
    const { kecamatan, serviceType, expiresAt } = link.invitation;
    return { kecamatan, serviceName: serviceNameOf(serviceType), expiresAt };
  }

  async answer(token: string, body: { scores?: unknown; saran?: unknown }, correlationId: string): Promise<void> {
    const grant = this.grantOf(token);
    try {
      await (await this.commands()).answer(grant, { scores: body?.scores, saran: body?.saran }, correlationId);
    } catch (e) {
      // The same refusals as the page, whichever the visitor met first.
      if (!(e instanceof DomainError)) throw e;
      if (e.code === 'SURVEY_INVITATION_UNKNOWN') throw unknownLink();
      if (e.code === 'SURVEY_LINK_EXPIRED') throw expiredLink();
      if (e.code === 'SURVEY_ALREADY_ANSWERED') throw alreadyAnswered();
      throw e;
    }
  }

  private grantOf(token: string) {
    const check = verifyLinkToken('ikm-survey', token, this.keys, this.clock.now());
    if (check.status === 'invalid') throw unknownLink();
    if (check.status === 'expired') throw expiredLink();
    return check.grant;
  }
}

function serviceNameOf(serviceType: string): string {
  return serviceType === kkKelahiranCatalog.serviceType ? kkKelahiranCatalog.data.name : serviceType;
}
