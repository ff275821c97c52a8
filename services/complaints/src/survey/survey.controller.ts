import { Body, Controller, Get, HttpCode, Inject, Param, Post, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Public } from '@adminduk/auth';
import { ApiZodBody, ApiZodResponse, correlationIdOf } from '@adminduk/http';
import { surveyAnswerSchema, surveyAnsweredSchema, surveyPageSchema } from './survey-openapi';
import { SurveyLinks } from './survey-links';

/**
 * The IKM survey as the applicant reaches it from the invitation mail: public (the token is the
 * credential), throttled per address like every public route. Nothing here names the applicant.
 */
@ApiTags('survey')
@Controller('api/public/survei')
export class SurveyController {
  constructor(@Inject(SurveyLinks) private readonly links: SurveyLinks) {}

  @Public()
  @Get(':token')
  @ApiOperation({ summary: 'Data halaman survei kepuasan (IKM) dari tautan undangan (tanpa login; token = kredensial)' })
  @ApiZodResponse(200, surveyPageSchema)
  async page(@Param('token') token: string, @Res({ passthrough: true }) res: Response) {
    noStore(res);
    return this.links.page(token);
  }

  @Public()
  @Post(':token')
  @HttpCode(201)
  @ApiOperation({ summary: 'Kirim jawaban survei kepuasan (sekali per permohonan, anonim)' })
  @ApiZodBody(surveyAnswerSchema)
  @ApiZodResponse(201, surveyAnsweredSchema)
  async answer(@Param('token') token: string, @Body() body: unknown, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    noStore(res);
    await this.links.answer(token, (body ?? {}) as { scores?: unknown; saran?: unknown }, correlationIdOf(req.headers));
    return { status: 'answered' as const };
  }
}

/** The URL is a credential: never cached, never sent on as a referrer. */
function noStore(res: Response): void {
  res.setHeader('Cache-Control', 'no-store');
  res.setHeader('Referrer-Policy', 'no-referrer');
}
