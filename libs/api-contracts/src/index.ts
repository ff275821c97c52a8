// What the HTTP API answers, declared once: the services use these as their return types and the web
// app (services/web/client, through its tsconfig path) reads its answers as them. Pure TypeScript
// declarations only (type:contract): no import, no Node, no DOM, nothing at run time.
export type * from './applications';
export type * from './complaints';
export type * from './history';
export type * from './signing';
