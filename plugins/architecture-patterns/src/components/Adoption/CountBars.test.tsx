import { renderInTestApp } from '@backstage/frontend-test-utils';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { CountBars } from './CountBars';

const rows = [
  { key: 'group:default/orders-team', label: 'orders-team', count: 8 },
  { key: 'group:default/analytics-team', label: 'analytics-team', count: 2 },
  { key: 'group:default/ops', label: 'ops', count: 0 },
];

/** The drawn bar of a row: the element between its label and its count. */
function barOf(key: string) {
  return screen
    .getByTestId(`bar-${key}`)
    .querySelector('[role="presentation"]') as HTMLElement;
}

describe('CountBars', () => {
  it('draws one bar per row, with its label and count, scaled to the largest', async () => {
    renderInTestApp(<CountBars title="Per owning group" rows={rows} />);

    const figure = await screen.findByRole('figure', {
      name: 'Per owning group',
    });
    expect(within(figure).getAllByTestId(/^bar-/)).toHaveLength(3);
    const orders = within(screen.getByTestId('bar-group:default/orders-team'));
    expect(orders.getByText('orders-team')).toBeInTheDocument();
    expect(orders.getByText('8')).toBeInTheDocument();

    expect(barOf('group:default/orders-team').style.width).toBe('100%');
    expect(barOf('group:default/analytics-team').style.width).toBe('25%');
    expect(barOf('group:default/ops').style.width).toBe('0%');
  });

  it('offers each label as a button when rows can be selected', async () => {
    const onSelect = jest.fn();
    renderInTestApp(
      <CountBars title="Per owning group" rows={rows} onSelect={onSelect} />,
    );

    await userEvent.click(
      await screen.findByRole('button', { name: 'analytics-team' }),
    );

    expect(onSelect).toHaveBeenCalledTimes(1);
    expect(onSelect).toHaveBeenCalledWith('group:default/analytics-team');
    expect(screen.getByRole('button', { name: 'orders-team' })).toHaveAttribute(
      'title',
      'Show only orders-team',
    );
  });

  it('shows labels as text when rows cannot be selected', async () => {
    renderInTestApp(<CountBars title="Per owning group" rows={rows} />);

    expect(await screen.findByText('orders-team')).toBeInTheDocument();
    expect(screen.queryByRole('button')).not.toBeInTheDocument();
  });

  it('says there is nothing to show without rows', async () => {
    renderInTestApp(
      <CountBars title="Per system" rows={[]} onSelect={jest.fn()} />,
    );

    expect(
      await screen.findByText('Nothing to show for these filters.'),
    ).toBeInTheDocument();
    expect(screen.queryAllByTestId(/^bar-/)).toEqual([]);
  });

  it('keeps bars of zero visible and does not divide by zero', async () => {
    renderInTestApp(
      <CountBars
        title="Per system"
        rows={[{ key: 'x', label: 'x', count: 0 }]}
      />,
    );

    await screen.findByText('x');
    expect(barOf('x').style.width).toBe('0%');
    expect(barOf('x').style.minWidth).toBe('2px');
  });
});
