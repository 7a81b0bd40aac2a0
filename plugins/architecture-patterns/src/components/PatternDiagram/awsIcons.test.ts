import { library } from '../../__testUtils__/fixtures';
import { groupStyle, hasServiceIcon, nodeIcon } from './awsIcons';

describe('AWS Architecture Icons', () => {
  it('has an icon for every service the pattern library names', () => {
    const services = new Set(
      library.flatMap(p =>
        p.spec.diagram.nodes.flatMap(n => (n.service ? [n.service] : [])),
      ),
    );
    expect([...services].filter(s => !hasServiceIcon(s))).toEqual([]);
  });

  it('finds a service whatever its spacing and case', () => {
    expect(nodeIcon({ service: 'amazon route53' })).toEqual({
      href: 'AmazonRoute53.svg',
      neutral: false,
    });
  });

  it('falls back to neutral icons: users for actors, an application otherwise', () => {
    expect(nodeIcon({ type: 'actor' })).toEqual({
      href: 'Users.svg',
      neutral: true,
    });
    expect(nodeIcon({ service: 'Acme Message Bus' })).toEqual({
      href: 'GenericApplication.svg',
      neutral: true,
    });
  });

  it('styles subnets as public or private by their label', () => {
    expect(groupStyle({ type: 'subnet', label: 'Public subnets' })).toEqual(
      expect.objectContaining({ stroke: '#7AA116', icon: 'Publicsubnet.svg' }),
    );
    expect(groupStyle({ type: 'subnet', label: 'App subnets' })).toEqual(
      expect.objectContaining({ stroke: '#00A4A6', icon: 'Privatesubnet.svg' }),
    );
  });
});
