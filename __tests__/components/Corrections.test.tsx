import { render, screen } from '@testing-library/react';
import { Corrections } from '@/components/Corrections';

describe('Corrections', () => {
  it('shows each correction with its date, newest first', () => {
    render(
      <Corrections
        corrections={[
          { date: '2026-11-23T09:00:00Z', text: 'The first correction.' },
          { date: '2026-11-24T09:00:00Z', text: 'The second correction.' },
        ]}
      />,
    );
    const items = screen.getByRole('complementary', { name: 'Corrections' }).querySelectorAll('p');
    expect([...items].map((p) => p.textContent)).toEqual([
      'Correction (24 November 2026 at 09:00 UTC): The second correction.',
      'Correction (23 November 2026 at 09:00 UTC): The first correction.',
    ]);
    expect(items[0].querySelector('time')).toHaveAttribute('datetime', '2026-11-24T09:00:00Z');
  });

  it('renders nothing for a story never corrected', () => {
    const { container } = render(<Corrections corrections={[]} />);
    expect(container).toBeEmptyDOMElement();
  });
});
