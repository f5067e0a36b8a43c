/** Layers are enforced here, not by hope (see ../shared/docs/style.md). */
const FRAMEWORKS = '^(@nestjs|typeorm|kafkajs|pg|fastify|@fastify)($|/)';

module.exports = {
  forbidden: [
    {
      name: 'domain-is-pure',
      comment: 'Domain rules are plain code: no framework, no database, no broker, no service kit.',
      severity: 'error',
      from: { path: '^(apps/[^/]+/src/domain/|libs/domain/|libs/calendar/)' },
      to: { path: [FRAMEWORKS, '^node_modules/(@nestjs|typeorm|kafkajs|pg|fastify)/', '^libs/(platform|messaging|persistence)/'] },
    },
    {
      name: 'apps-are-separate',
      comment: 'Services talk over Kafka and HTTP only; shared code lives in libs/.',
      severity: 'error',
      from: { path: '^apps/([^/]+)/' },
      to: { path: '^apps/', pathNot: '^apps/$1/' },
    },
    {
      name: 'libs-do-not-know-apps',
      severity: 'error',
      from: { path: '^libs/' },
      to: { path: '^apps/' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^dist/|libs/contracts/src/gen/)' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    combinedDependencies: false,
  },
};
