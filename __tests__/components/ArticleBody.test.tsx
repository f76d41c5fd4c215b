import { render, screen } from '@testing-library/react';
import { ArticleBody } from '@/components/ArticleBody';

describe('ArticleBody', () => {
  it('renders the Markdown as HTML with raw HTML sanitised', () => {
    const markdown = 'First **bold** paragraph.\n\n## A subheading\n\n<script>alert(1)</script><img src="x" onerror="alert(2)" alt="x">\n\n[Link](javascript:alert(3))';
    const { container } = render(<ArticleBody markdown={markdown} />);
    expect(screen.getByText('bold').tagName).toBe('STRONG');
    expect(screen.getByRole('heading', { level: 2, name: 'A subheading' })).toBeInTheDocument();
    expect(container.querySelector('script')).toBeNull();
    expect(container.querySelector('[onerror]')).toBeNull();
    expect(screen.getByText('Link')).not.toHaveAttribute('href');
  });
});
