// The intake service's testing entry (`@adminduk/intake/testing`): the one way other packages' tests
// reach this service.
export { createIntakeApp } from '../intake.app';
export { intakeEnv, loadIntakeConfig, type IntakeConfig } from '../intake.config';
