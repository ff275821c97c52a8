import { Module, type DynamicModule, type MiddlewareConsumer, type NestModule } from '@nestjs/common';
import { HealthModule } from '@adminduk/http';
import { urlencoded, type NextFunction, type Request, type Response } from 'express';
import type { AuthDevOptions } from './access-token';
import { AUTH_DEV_OPTIONS, AuthDevController } from './auth-dev.controller';

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
      controllers: [AuthDevController],
      providers: [{ provide: AUTH_DEV_OPTIONS, useValue: options }],
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(allowBrowsers).forRoutes('*path');
    // The OAuth 2.0 password grant is form-encoded; JSON is parsed by the shared bootstrap.
    consumer.apply(urlencoded({ extended: false, limit: '16kb' })).forRoutes('token');
  }
}
