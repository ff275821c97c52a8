import { Body, Controller, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import { COMMAND_SUBJECTS, CommandContext, type HolidayCommandRequest, type HolidayCommandResult } from '@adminduk/application-commands';
import { Roles } from '@adminduk/auth';
import { HOLIDAY_YEAR_MAX, HOLIDAY_YEAR_MIN } from '@adminduk/domain';
import { ApiError, ApiZodBody, ApiZodResponse, ZodValidationPipe } from '@adminduk/http';
import { holidayCommandResultSchema, holidayStatusSchema, holidayYearSchema } from '../openapi/response-schemas';
import { CommandBus } from '../commands/command-bus';
import {
  correctHolidayYearSchema,
  publishHolidayYearSchema,
  type CorrectHolidayYearBody,
  type PublishHolidayYearBody,
} from './holidays.schema';
import { HolidaysQuery } from './holidays.query';

/** The year in the path: a whole number in the range the domain accepts, else 400 naming `year`. */
function yearParam(value: string): number {
  const year = Number(value);
  if (!/^\d{4}$/.test(value) || year < HOLIDAY_YEAR_MIN || year > HOLIDAY_YEAR_MAX) {
    throw ApiError.badRequest('Tahun tidak valid', [{ field: 'year', message: `Harus tahun ${HOLIDAY_YEAR_MIN}-${HOLIDAY_YEAR_MAX}` }]);
  }
  return year;
}

/**
 * The national holidays and cuti bersama of each year, as the SKB 3 Menteri lists them: read,
 * published (POST) and corrected (PUT) by the admin. Commands go to intake over NATS like every
 * other command; the decider checks the role and the list again.
 */
@ApiTags('Hari libur')
@ApiBearerAuth()
@Controller('api/holidays')
@Roles('admin')
export class HolidaysController {
  constructor(
    private readonly commands: CommandBus,
    private readonly query: HolidaysQuery,
  ) {}

  @Get('status')
  @ApiZodResponse(200, holidayStatusSchema)
  @ApiOperation({ summary: 'Apakah daftar hari libur tahun ini (mulai 1 Oktober: tahun depan) sudah diterbitkan' })
  status() {
    return this.query.status();
  }

  @Get(':year')
  @ApiZodResponse(200, holidayYearSchema)
  @ApiOperation({ summary: 'Daftar hari libur nasional dan cuti bersama satu tahun' })
  get(@Param('year') year: string) {
    return this.query.year(yearParam(year));
  }

  @Post(':year')
  @HttpCode(201)
  @ApiOperation({ summary: 'Terbitkan daftar hari libur satu tahun (dari SKB 3 Menteri)' })
  @ApiHeader({ name: 'Idempotency-Key', required: true })
  @ApiZodBody(publishHolidayYearSchema)
  @ApiZodResponse(201, holidayCommandResultSchema)
  publish(
    @CommandContext() c: CommandContext,
    @Param('year') year: string,
    @Body(new ZodValidationPipe(publishHolidayYearSchema)) body: PublishHolidayYearBody,
  ): Promise<HolidayCommandResult> {
    const request: HolidayCommandRequest = {
      meta: c.meta,
      command: { type: 'PublishHolidayYear', data: { year: yearParam(year), ...body } },
    };
    return this.commands.send<HolidayCommandResult>(COMMAND_SUBJECTS.holidays, request, c.principal);
  }

  @Put(':year')
  @HttpCode(200)
  @ApiOperation({ summary: 'Koreksi daftar hari libur yang sudah diterbitkan (seluruh daftar diganti; riwayat disimpan)' })
  @ApiHeader({ name: 'Idempotency-Key', required: true })
  @ApiZodBody(correctHolidayYearSchema)
  @ApiZodResponse(200, holidayCommandResultSchema)
  correct(
    @CommandContext() c: CommandContext,
    @Param('year') year: string,
    @Body(new ZodValidationPipe(correctHolidayYearSchema)) body: CorrectHolidayYearBody,
  ): Promise<HolidayCommandResult> {
    const request: HolidayCommandRequest = {
      meta: c.meta,
      command: { type: 'CorrectHolidayYear', data: { year: yearParam(year), ...body } },
    };
    return this.commands.send<HolidayCommandResult>(COMMAND_SUBJECTS.holidays, request, c.principal);
  }
}
