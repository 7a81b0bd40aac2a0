import { RestApiPatternProps } from '../common/pattern-props';

/** DNS routing between the two regions. */
export type ActiveActiveRoutingPolicy = 'latency' | 'weighted';

/**
 * What the pair and each of its regional stacks share: the service's name, its public
 * endpoint and how DNS routes to it, and the load each region must carry.
 */
export interface ActiveActiveEndpointProps extends RestApiPatternProps {
  /**
   * Lower-case service name (3-32 chars: letters, digits, '-') used for stack and physical
   * resource names (table `<serviceName>-items`, buckets `<serviceName>-data-<account>-<region>`).
   */
  readonly serviceName: string;
  /** Public DNS name of the API, inside `hostedZoneName` (e.g. api.example.com). */
  readonly domainName: string;
  /** Id of the public Route 53 hosted zone (e.g. Z0123456789ABCDEFGHIJ). */
  readonly hostedZoneId: string;
  /** Name of the hosted zone (e.g. example.com). */
  readonly hostedZoneName: string;
  /**
   * Latency-based (default) or 50/50 weighted routing; both with health-check failover.
   * @default 'latency'
   */
  readonly routingPolicy?: ActiveActiveRoutingPolicy;
  /**
   * Requests per second of the whole workload (1-10000). EACH region is provisioned for all
   * of it (stage throttling = full load, burst = 2x), so one region can absorb everything
   * when the other fails.
   */
  readonly fullLoadRequestsPerSecond: number;
}
