import { Body, Controller, Header, HttpCode, Inject, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { CLOCK, WriteSide, type Clock, type SurveyCommands } from '@adminduk/application-commands';
import { Public } from '@adminduk/auth';
import { ApiError, ApiZodBody, ApiZodResponse, unavailableOrRethrow, ZodValidationPipe } from '@adminduk/http';
import { applicationForTracking, trackingKey, trackingKeysMatch } from '@adminduk/read-models';
import { signLinkToken, type SelfPrintSigningKey } from '@adminduk/self-print-token';
import { SURVEY_COMMANDS } from './survey-invitation-reactor';

export const SURVEY_LINK_SIGNER = Symbol('SURVEY_LINK_SIGNER');

/** The tracking page's three answers, as GET /api/public/lacak takes them (services/gateway/src/tracking). */
export const surveyFromTrackingBody = z
  .object({
    nomor: z.string().trim().min(1, 'Nomor tanda terima wajib diisi').max(60),
    tanggalLahir: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Tanggal lahir dengan format TTTT-BB-HH'),
    nik4: z.string().regex(/^\d{4}$/, 'Empat angka terakhir NIK pemohon'),
  })
  .strict();

export const surveyFromTrackingResponse = z.object({
  survei: z.enum(['terbuka', 'sudah-diisi', 'kedaluwarsa', 'belum-ada']),
  tautan: z.string().optional().describe('/survei/{token}: only while open'),
  berlakuSampai: z.string().optional(),
});

/** The gateway's words for an unknown number or a wrong second factor (the lookup is no oracle). */
const NOT_FOUND = 'Permohonan tidak ditemukan. Periksa kembali nomor tanda terima, tanggal lahir dan empat angka terakhir NIK pemohon.';

/**
 * The IKM survey offered on the tracking page (/lacak): the visitor proves the application as the
 * tracking lookup does (receipt number, the applicant's birth date, the NIK's last four digits); if
 * the KK has reached the applicant (an invitation exists), the survey is open and unanswered, the
 * answer carries a survey link signed here for the invitation, with the invitation's expiry, like the
 * mailed one (purpose `ikm-survey`, link id = invitation id). Whether it was answered is known only
 * here (the keyed guard, decision 0020); the answer says "sudah-diisi", never when or what.
 */
@ApiTags('survey')
@Controller('api/public/survei/dari-lacak')
@Public()
export class SurveyFromTrackingController {
  constructor(
    @Inject(SURVEY_COMMANDS) private readonly commands: () => Promise<{ survey: SurveyCommands }>,
    @Inject(SURVEY_LINK_SIGNER) private readonly signer: SelfPrintSigningKey,
    private readonly writeSide: WriteSide,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Post()
  @HttpCode(200)
  @Header('Cache-Control', 'no-store')
  @Header('Referrer-Policy', 'no-referrer')
  @ApiOperation({ summary: 'Survei kepuasan (IKM) untuk permohonan yang dilacak: tautan bila KK sudah diterima dan survei belum diisi' })
  @ApiZodBody(surveyFromTrackingBody)
  @ApiZodResponse(200, surveyFromTrackingResponse)
  async offer(@Body(new ZodValidationPipe(surveyFromTrackingBody)) q: z.infer<typeof surveyFromTrackingBody>) {
    let found;
    try {
      found = await applicationForTracking(this.writeSide.readModels(), q.nomor);
    } catch (e) {
      unavailableOrRethrow(e, 'Layanan survei sedang tidak tersedia; coba lagi sebentar lagi.');
    }
    const given = trackingKey(found?.applicationId ?? '00000000-0000-0000-0000-000000000000', q.tanggalLahir, q.nik4);
    if (!found || !trackingKeysMatch(found.trackingKey, given)) throw ApiError.notFound(NOT_FOUND, 'TRACKING_NOT_FOUND');
    const { survey } = await this.commands();
    const invitation = await survey.invitationOf(found.applicationId);
    if (!invitation) return { survei: 'belum-ada' as const };
    const link = await survey.linkStatus({ applicationId: found.applicationId, linkId: invitation.invitationId });
    if (link.status === 'answered') return { survei: 'sudah-diisi' as const };
    if (link.status !== 'open' || new Date(invitation.expiresAt) <= this.clock.now()) return { survei: 'kedaluwarsa' as const };
    const token = signLinkToken(
      'ikm-survey',
      { applicationId: found.applicationId, linkId: invitation.invitationId, expiresAt: new Date(invitation.expiresAt) },
      this.signer,
    );
    return { survei: 'terbuka' as const, tautan: `/survei/${token}`, berlakuSampai: invitation.expiresAt };
  }
}
