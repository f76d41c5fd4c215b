import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { SiteHeader } from '@/components/SiteHeader';

const sections = [{ slug: 'world', name: 'World', description: 'World news.' }];

describe('SiteHeader search box', () => {
  it('is a labelled search landmark that sends a plain GET to /search with q', () => {
    render(<SiteHeader sections={sections} siteName="NewsBite" tagline="Tagline" />);
    const form = screen.getByRole('search', { name: 'Site' });
    expect(form).toHaveAttribute('action', '/search');
    expect(form).toHaveAttribute('method', 'get');
    const input = within(form).getByRole('searchbox', { name: 'Search NewsBite' });
    expect(input).toHaveAttribute('name', 'q');
    expect(input).toHaveAttribute('maxLength', '200');
    expect(within(form).getByRole('button', { name: 'Search' })).toHaveAttribute('type', 'submit');
  });

  it('is reached with the keyboard after the skip link and the home link, before the sections', async () => {
    render(<SiteHeader sections={sections} siteName="NewsBite" tagline="Tagline" />);
    const user = userEvent.setup();
    await user.tab();
    expect(screen.getByRole('link', { name: 'Skip to content' })).toHaveFocus();
    await user.tab();
    expect(screen.getByRole('link', { name: 'NewsBite home' })).toHaveFocus();
    await user.tab();
    expect(screen.getByRole('searchbox', { name: 'Search NewsBite' })).toHaveFocus();
    await user.tab();
    expect(screen.getByRole('button', { name: 'Search' })).toHaveFocus();
    await user.tab();
    expect(screen.getByRole('link', { name: 'World' })).toHaveFocus();
  });
});
