import { createHash } from 'node:crypto';

// One small stylesheet, inlined and allowed by its hash in the CSP: no external assets.
export const css = `
:root{--fg:#1c2330;--muted:#5b6577;--line:#d9dee7;--bg:#f5f7fa;--card:#fff;--accent:#0b5cad;--accent-fg:#fff;--ok:#177245;--warn:#8a5a00;--warn-bg:#fff6e0;--err:#b3261e;--err-bg:#fdecea}
*{box-sizing:border-box}
body{margin:0;overflow-wrap:break-word;font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--fg);background:var(--bg)}
header.top{position:relative;display:flex;flex-wrap:wrap;align-items:center;gap:.5rem 1.5rem;padding:.75rem 1.5rem;background:#0f2540;color:#fff}
header.top .brand{font-weight:600;margin-right:auto}
header.top nav{display:flex;flex-wrap:wrap;gap:.25rem 1.25rem}
header.top .who{display:flex;flex-wrap:wrap;align-items:center;gap:.5rem 1rem;min-width:0;max-width:100%}
header.top .user{overflow-wrap:anywhere;min-width:0}
header.top a{color:#dbe7f5;text-decoration:none}
header.top a[aria-current=page]{color:#fff;font-weight:600;text-decoration:underline}
header.top form{margin:0}
header.top button,header.top summary{background:none;border:1px solid #6d86a6;color:#dbe7f5;padding:.25rem .75rem;border-radius:4px;cursor:pointer;font-weight:400}
header.top .menu{display:none}
header.top summary{list-style:none}
header.top summary::-webkit-details-marker{display:none}
header.top .menu-panel{position:absolute;right:.75rem;top:100%;z-index:10;display:flex;flex-direction:column;gap:.75rem;min-width:14rem;max-width:calc(100vw - 1.5rem);padding:1rem;background:#0f2540;border-radius:0 0 6px 6px;box-shadow:0 6px 16px rgba(0,0,0,.25)}
header.top .menu-panel nav{flex-direction:column;gap:.6rem}
main{max-width:1240px;margin:1.5rem auto;padding:0 1.5rem}
.table-wrap{overflow-x:auto;max-width:100%}
.table-wrap:focus{outline:2px solid var(--accent);outline-offset:2px}
.filters{display:grid;grid-template-columns:repeat(auto-fill,minmax(11rem,1fr));gap:0 1rem;align-items:end}
.pager{display:flex;flex-wrap:wrap;gap:.75rem;align-items:center;margin-top:1rem}
.counts{display:flex;flex-wrap:wrap;gap:.5rem 1.5rem;list-style:none;padding:0}
.secret{font-size:1.1rem;padding:.5rem .75rem;background:#fafbfc;border:1px dashed var(--line);border-radius:6px;overflow-wrap:anywhere}
.card{background:var(--card);border:1px solid var(--line);border-radius:8px;padding:1.5rem;margin-bottom:1.5rem}
.narrow{max-width:420px;margin:4rem auto}
h1{font-size:1.4rem;margin:0 0 1rem}
h2{font-size:1.1rem;margin:1.25rem 0 .5rem}
label{display:block;font-weight:600;margin:.9rem 0 .3rem}
.hint{font-weight:400;color:var(--muted);font-size:.88rem}
input,select{width:100%;padding:.5rem .6rem;border:1px solid #b9c2cf;border-radius:5px;font:inherit;background:#fff}
input:focus,select:focus,button:focus{outline:2px solid var(--accent);outline-offset:1px}
.actions{display:flex;flex-wrap:wrap;gap:.75rem;align-items:center;margin-top:1.25rem}
.actions form{margin:0}
.actions.tight{margin-top:0;gap:.5rem}
button,.button{display:inline-block;padding:.55rem 1.2rem;border-radius:5px;border:1px solid var(--accent);background:var(--accent);color:var(--accent-fg);font:inherit;font-weight:600;cursor:pointer;text-decoration:none}
.button.secondary,button.secondary{background:#fff;color:var(--accent)}
.error{background:var(--err-bg);color:var(--err);border:1px solid #f1b8b3;border-radius:6px;padding:.75rem 1rem;margin-bottom:1rem}
.notice{background:var(--warn-bg);color:var(--warn);border:1px solid #f0d9a6;border-radius:6px;padding:.75rem 1rem;margin:1rem 0}
.ok{color:var(--ok);font-weight:600}
dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:.35rem 1rem;margin:0}
dl.facts dt{color:var(--muted)}
dl.facts dd{margin:0;overflow-wrap:anywhere}
code,.mono{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:.88em}
.preview{display:grid;grid-template-columns:minmax(0,680px) minmax(0,1fr);gap:1rem}
.preview .card{padding:1rem}
.card h2:first-child{margin-top:0}
@media (max-width:1000px){.preview{grid-template-columns:minmax(0,1fr)}}
iframe.email{width:100%;height:640px;border:1px solid var(--line);border-radius:6px;background:#fff}
pre.text{white-space:pre-wrap;overflow-wrap:anywhere;background:#fafbfc;border:1px solid var(--line);border-radius:6px;padding:1rem;margin:0;height:640px;overflow:auto;font-size:.85rem}
table{width:100%;border-collapse:collapse;font-size:.9rem}
th,td{text-align:left;padding:.5rem;border-bottom:1px solid var(--line);vertical-align:top}
th{color:var(--muted);font-weight:600}
.nowrap{white-space:nowrap}
.state{display:inline-block;padding:.1rem .5rem;border-radius:999px;font-size:.8rem;font-weight:600}
.tone-ok{background:#e3f4ea;color:var(--ok)}
.tone-err{background:var(--err-bg);color:var(--err)}
.tone-warn{background:var(--warn-bg);color:var(--warn)}
.tone-info{background:#e8eef8;color:var(--accent)}
.block{display:block}
table.rows tbody tr{position:relative}
table.rows tbody tr:hover,table.rows tbody tr:focus-within{background:#f0f4fa}
.row-link{font-weight:600}
.row-actions,.state{white-space:nowrap}
.row-link::after{content:"";position:absolute;inset:0}
.row-actions a{position:relative;z-index:1}
.state-bar{margin:0 0 1rem}
.bar{display:flex;height:1rem;border-radius:4px;overflow:hidden;background:var(--line)}
.seg{flex:none;display:block}
.seg-waiting{background:#9db3cf}.seg-sent{background:#4f86c6}.seg-delivered{background:#177245}.seg-bounced{background:#d9822b}.seg-failed{background:#b3261e}.seg-uncertain{background:#7e57c2}
.legend{display:flex;flex-wrap:wrap;gap:.25rem 1.25rem;list-style:none;padding:0;margin:.5rem 0 0}
.key{display:inline-block;width:.8rem;height:.8rem;border-radius:2px;margin-right:.35rem;vertical-align:-.05rem}
${Array.from({ length: 101 }, (_, i) => `.w${i}{width:${i}%}`).join('')}
.tag{display:inline-block;padding:.05rem .4rem;border-radius:4px;background:var(--warn-bg);color:var(--warn);font-size:.78rem;font-weight:600}
.confirm{font-size:1.05rem}
.delivery{display:inline-block;padding:.1rem .5rem;border-radius:.6rem;font-size:.8rem;font-weight:600;background:#e8eef8;color:var(--accent)}
.delivery-info .mono{overflow-wrap:anywhere}
.delivery-delivered{background:#e3f4ea;color:var(--ok)}
.delivery-delivery_delayed,.delivery-outbox{background:var(--warn-bg);color:var(--warn)}
.delivery-bounced,.delivery-failed,.delivery-suppressed,.delivery-complained{background:var(--err-bg);color:var(--err)}
/* Phones: last, so these win over the rules above. */
@media (max-width:640px){dl.facts{grid-template-columns:minmax(0,1fr)}dl.facts dd{margin-bottom:.4rem}.table-wrap:not(.cards) table{min-width:36rem}.table-wrap:not(.cards) table.wide{min-width:70rem}header.top{flex-wrap:nowrap;padding:.6rem 1rem}header.top #nav-wide,header.top .who.wide,.brand-long{display:none}header.top .menu{display:block}main{padding:0 .75rem;margin:1rem auto}.card{padding:1rem}.narrow{margin:1.5rem auto}.actions{flex-wrap:wrap}
.cards table,.cards tbody,.cards tr,.cards td{display:block;width:100%}
.cards thead{position:absolute;width:1px;height:1px;overflow:hidden;clip-path:inset(50%);white-space:nowrap}
.cards tbody tr{border:1px solid var(--line);border-radius:8px;padding:.6rem .75rem;margin-bottom:.75rem;background:var(--card)}
.cards td{border:0;padding:.15rem 0;white-space:normal}
.cards td::before{content:attr(data-label);display:block;color:var(--muted);font-size:.75rem}
.cards td:first-child::before,.cards td:empty{display:none}
.cards td:first-child{font-size:1rem}}
/* Accounts: the copy field and the one-time password / invitation link choice. */
[hidden]{display:none!important}
.copy-row{display:flex;gap:.5rem;align-items:stretch}.copy-row input{flex:1;min-width:0}
fieldset.choice{border:0;padding:0;margin:.9rem 0 0}fieldset.choice legend{font-weight:600;padding:0}fieldset.choice label{display:flex;gap:.5rem;align-items:baseline;font-weight:400;margin:.3rem 0}fieldset.choice input{width:auto}
`;

export const cssHash = `'sha256-${createHash('sha256').update(css).digest('base64')}'`;
