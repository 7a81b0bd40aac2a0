/**
 * AWS CDK pattern constructs (AWS Solutions Constructs style).
 *
 * Each pattern validates its props up front, ships secure defaults and is tested
 * against its synthesised template plus the cdk-nag AwsSolutions rule pack.
 */
export * from './three-tier-web-app/three-tier-web-app';
export * from './event-driven-service/event-driven-service';
export * from './multi-region-active-active/active-active-regional-stack';
export * from './multi-region-active-active/multi-region-active-active';
export * from './multi-region-active-active/endpoint-props';
export * from './multi-tenant-saas/multi-tenant-saas';
export * from './common/api-gateway-account';
export type { PatternProps, RestApiPatternProps } from './common/pattern-props';
export * from './common/control-tower-checks';
export * from './common/pattern-conformance';
export * from './common/service-checks';
