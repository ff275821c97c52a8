import { Module, type DynamicModule } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AuthGuard, JWT_VERIFIER } from './auth.guard';
import { JwtVerifier, type JwtVerifierOptions } from './jwt-verifier';

/**
 * `AuthModule.forRoot({ jwksUrl, issuer, audience })` in a service's root module installs the
 * deny-by-default guard on every route of the app.
 */
@Module({})
export class AuthModule {
  static forRoot(options: JwtVerifierOptions | { verifier: JwtVerifier }): DynamicModule {
    const verifier = 'verifier' in options ? options.verifier : new JwtVerifier(options);
    return {
      module: AuthModule,
      global: true,
      providers: [
        { provide: JWT_VERIFIER, useValue: verifier },
        { provide: APP_GUARD, useClass: AuthGuard },
      ],
      exports: [JWT_VERIFIER],
    };
  }
}
