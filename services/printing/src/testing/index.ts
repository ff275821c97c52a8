// The printing service's testing entry (`@adminduk/printing/testing`): the one way other packages' tests
// reach this service.
export { createPrintingApp } from '../printing.app';
export { loadPrintingConfig, printingEnv, type PrintingConfig } from '../printing.config';
export { PrintingDependencies } from '../printing-dependencies';
