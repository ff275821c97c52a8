export * from './checkpoint/projection-checkpoint.entity';
export * from './checkpoint/apply-in-transaction';
export * from './application-view/application-view.entity';
export * from './signed-documents/signed-document-view.entity';
export * from './data-source';
export * from './bulk-upsert';
