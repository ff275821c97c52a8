import { Module, type DynamicModule, type MiddlewareConsumer, type NestModule } from '@nestjs/common';
import { HealthModule } from '@adminduk/http';
import { urlencoded, type NextFunction, type Request, type Response } from 'express';
import type { AuthDevOptions } from './access-token';
import { AuthDevController } from './auth-dev.controller';
import { AuthorizationCodes } from './authorization/authorization-codes';
import { AuthorizeController } from './authorization/authorize.controller';
import { CodeExchange } from './authorization/code-exchange';
import { AUTH_DEV_OPTIONS } from './options';

/** The web UI of a developer runs on another port and calls /token from the browser. */
function allowBrowsers(_req: Request, res: Response, next: NextFunction): void {
  res.setHeader('Access-Control-Allow-Origin', '*');
  res.setHeader('Access-Control-Allow-Headers', 'content-type');
  res.setHeader('Access-Control-Allow-Methods', 'GET, POST, OPTIONS');
  next();
}

@Module({})
export class AuthDevModule implements NestModule {
  static forRoot(options: AuthDevOptions): DynamicModule {
    return {
      module: AuthDevModule,
      imports: [HealthModule.forRoot()],
      controllers: [AuthDevController, AuthorizeController],
      providers: [
        { provide: AUTH_DEV_OPTIONS, useValue: options },
        { provide: AuthorizationCodes, useValue: new AuthorizationCodes((options.codeTtlSeconds ?? 60) * 1000) },
        CodeExchange,
      ],
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(allowBrowsers).forRoutes('*path');
    // The OAuth 2.0 token requests and the login form are form-encoded; JSON is parsed by the shared bootstrap.
    consumer.apply(urlencoded({ extended: false, limit: '16kb' })).forRoutes('token', 'authorize');
  }
}
