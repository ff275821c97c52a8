import { ForbiddenException, ServiceUnavailableException, UnauthorizedException } from '@nestjs/common';

/** HTTP errors with Indonesian bodies `{statusCode, error, message}`, shown to officers and citizens. */

export function unauthorized(message = 'Token akses diperlukan.'): UnauthorizedException {
  return new UnauthorizedException({ statusCode: 401, error: 'Tidak Terautentikasi', message });
}

export function forbidden(message = 'Anda tidak berwenang mengakses data ini.'): ForbiddenException {
  return new ForbiddenException({ statusCode: 403, error: 'Akses Ditolak', message });
}

export function authUnavailable(): ServiceUnavailableException {
  return new ServiceUnavailableException({
    statusCode: 503,
    error: 'Layanan Tidak Tersedia',
    message: 'Layanan autentikasi sedang tidak dapat dihubungi. Silakan coba lagi.',
  });
}

/** For handlers: `assertScope(canReadApplication(p, app))` turns a refused scope check into a 403. */
export function assertScope(allowed: boolean, message = 'Data ini berada di luar wilayah kewenangan Anda.'): void {
  if (!allowed) throw forbidden(message);
}
