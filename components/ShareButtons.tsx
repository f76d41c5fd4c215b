import { shareLinks, type SharedPage } from '@/lib/share';
import { ShareActions } from './ShareActions.island';

/**
 * Share links that work without JavaScript (each opens the platform's own share page), plus
 * copy-link and the system share sheet where the browser offers them. No third-party scripts.
 */
export function ShareButtons({ page }: { page: SharedPage }) {
  return (
    <section className="share" aria-labelledby="share-title">
      <h2 id="share-title" className="share__title">
        Share this story
      </h2>
      <ul className="share__list">
        {shareLinks(page).map((link) => (
          <li key={link.network}>
            <a
              className={`share__link share__link--${link.network}`}
              href={link.href}
              {...(link.network !== 'email' && { target: '_blank', rel: 'noopener noreferrer' })}
            >
              {link.label}
            </a>
          </li>
        ))}
        <ShareActions page={page} />
      </ul>
    </section>
  );
}
