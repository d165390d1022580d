// A busy fake X home timeline (bench:content): the real X structure the
// rules watch (#react-root, primaryColumn, cellInnerDiv cells holding
// article[data-testid="tweet"] with User-Name, tweetText and the counter
// group, #layers), and a script that keeps it busy the way a live timeline
// is: new posts arrive at the top, old cells are recycled out of the virtual
// list, counters are rewritten, relative times tick. Nothing fails on it.
const WORDS = 'morning river walk release thread coffee rain match goal vote city train news photo music code weather launch study market'.split(' ');

export function busyTimelineHtml() {
  return `<!doctype html>
<html dir="ltr" lang="en"><head><meta charset="utf-8"><title>Home / X</title>
<style>
body{margin:0;font:15px/1.3 system-ui,sans-serif;color:#0f1419;background:#fff}
#ScriptLoadFailure{display:none}
[data-testid="primaryColumn"]{max-width:600px;margin:0 auto;border-left:1px solid #eff3f4;border-right:1px solid #eff3f4}
[data-testid="cellInnerDiv"]{border-bottom:1px solid #eff3f4;padding:12px 16px}
[role="group"]{display:flex;gap:40px;color:#536471}
</style></head>
<body>
<div id="react-root"><div>
  <header role="banner"><nav role="navigation" aria-label="Primary">
    <a href="/home" data-testid="AppTabBar_Home_Link" role="link"><span>Home</span></a>
    <a href="/notifications" data-testid="AppTabBar_Notifications_Link" role="link"><span>Notifications</span><span data-testid="badge">3</span></a>
    <a href="/bench_user" data-testid="AppTabBar_Profile_Link" role="link"><span>Profile</span></a>
    <a href="/compose/post" data-testid="SideNav_NewTweet_Button" role="link"><span>Post</span></a>
  </nav><button data-testid="SideNav_AccountSwitcher_Button" type="button"><span>Bench User</span></button></header>
  <main role="main"><div data-testid="primaryColumn">
    <div aria-label="Home timeline"><h2 dir="ltr">Home</h2></div>
    <section role="region" aria-labelledby="tl-h"><h1 id="tl-h" hidden>Your Home Timeline</h1>
      <div aria-label="Timeline: Your Home Timeline"><div id="timeline" style="position:relative"></div></div>
    </section>
  </div></main>
  <div id="layers"></div>
</div></div>
<script>
(() => {
  const words = ${JSON.stringify(WORDS)};
  let seq = 0;
  let seed = 7;
  const rand = (n) => { seed = (seed * 1103515245 + 12345) & 0x7fffffff; return seed % n; };
  const sentence = () => Array.from({ length: 8 + rand(20) }, () => words[rand(words.length)]).join(' ');
  const timeline = document.getElementById('timeline');
  const counter = (id, label, n) => '<button data-testid="' + id + '" role="button" aria-label="' + n + ' ' + label + '" type="button"><span data-testid="app-text-transition-container"><span>' + n + '</span></span></button>';
  function cell() {
    const i = seq++;
    const div = document.createElement('div');
    div.setAttribute('data-testid', 'cellInnerDiv');
    div.style.transform = 'translateY(0px)';
    div.innerHTML = '<article data-testid="tweet" role="article" tabindex="0">'
      + '<div data-testid="Tweet-User-Avatar"><div data-testid="UserAvatar-Container-u' + i + '"></div></div>'
      + '<div data-testid="User-Name"><a href="/u' + i + '" role="link"><span>User ' + i + '</span></a> <a href="/u' + i + '" role="link"><span>@u' + i + '</span></a> · <time datetime="2026-12-05T08:00:00.000Z">' + (1 + rand(59)) + 'm</time></div>'
      + '<div data-testid="tweetText" lang="en" dir="auto"><span>' + sentence() + '</span></div>'
      + '<div role="group" aria-label="counts">' + counter('reply', 'Replies', rand(50)) + counter('retweet', 'reposts', rand(200)) + counter('like', 'Likes', rand(900)) + '<a href="/u' + i + '/status/' + i + '/analytics" role="link"><span>' + rand(9000) + '</span></a></div>'
      + '</article>';
    return div;
  }
  for (let i = 0; i < 40; i++) timeline.append(cell());
  // New posts at the top, the oldest recycled out (a virtual list keeps ~60 cells).
  setInterval(() => {
    timeline.prepend(cell());
    while (timeline.children.length > 60) timeline.lastElementChild.remove();
  }, 150);
  // Counters and times rewritten as React does: text replaced, spans re-rendered.
  setInterval(() => {
    const spans = timeline.querySelectorAll('[data-testid="app-text-transition-container"]');
    for (let k = 0; k < 12 && spans.length; k++) {
      const s = spans[rand(spans.length)];
      s.innerHTML = '<span>' + rand(1000) + '</span>';
    }
    const times = timeline.querySelectorAll('time');
    for (let k = 0; k < 6 && times.length; k++) times[rand(times.length)].textContent = (1 + rand(59)) + 'm';
    document.querySelector('[data-testid="badge"]').textContent = String(rand(20));
  }, 50);
})();
</script>
</body></html>`;
}
