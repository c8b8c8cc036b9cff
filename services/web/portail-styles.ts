/** The portal's one stylesheet, inlined in every page (the CSP allows inline styles and nothing else). */
export const portailStyles = `
*{box-sizing:border-box}
body{margin:0;font:15px/1.45 -apple-system,"Segoe UI",Roboto,"Noto Sans","Liberation Sans","DejaVu Sans",Arial,sans-serif;color:#1e1e1e;background:#f4f5f7}
header{background:#000091;color:#fff;padding:.7rem 1.5rem;display:flex;align-items:center;gap:1rem;flex-wrap:wrap}
header .titre{font-weight:700;font-size:1.05rem;margin-right:auto}
header .titre a{color:#fff;text-decoration:none}
header .qui{font-size:.9rem;opacity:.9}
header form{margin:0}
main{max-width:72rem;margin:1.5rem auto;padding:0 1.5rem}
h1{font-size:1.5rem;margin:.2rem 0 .6rem}
h2{font-size:1.15rem;margin:0 0 .6rem}
h3{font-size:1rem;margin:1.2rem 0 .4rem;color:#000091}
section{background:#fff;border:1px solid #dcdee3;border-radius:6px;padding:1.1rem 1.3rem;margin-bottom:1.2rem}
label{display:block;font-weight:600;margin-bottom:.25rem}
.aide{font-weight:400;color:#555;font-size:.85rem}
input[type=text],input[type=password],input[type=date],select{font:inherit;height:2.4rem;padding:.35rem .55rem;border:1px solid #8a8f99;border-radius:4px;background:#fff;width:100%}
input[type=file]{font:inherit}
button,.bouton{font:inherit;font-weight:600;padding:.45rem 1rem;border-radius:4px;border:1px solid #000091;background:#000091;color:#fff;cursor:pointer;text-decoration:none;display:inline-block}
button.secondaire{background:#fff;color:#000091}
header button{background:transparent;border-color:#fff;color:#fff;padding:.3rem .8rem}
.ligne{display:flex;gap:.8rem;align-items:flex-end;flex-wrap:wrap}
.ligne>div{flex:1 1 14rem}
.ligne>div.etroit{flex:0 1 11rem}
.message{border-left:5px solid;padding:.7rem 1rem;margin-bottom:1.2rem;background:#fff;border-radius:4px}
.message strong{display:block}
.message.ok{border-color:#18753c;background:#e8f5ec}
.message.info{border-color:#0063cb;background:#e8f0fb}
.message.erreur{border-color:#ce0500;background:#fdecea}
.demandeur{color:#333;margin:0}
.etat{display:inline-block;font-size:.8rem;font-weight:700;padding:.05rem .5rem;border-radius:1rem;background:#e8f5ec;color:#18753c}
.etat.radiee{background:#fdecea;color:#ce0500}
table{width:100%;border-collapse:collapse;font-size:.92rem;table-layout:fixed}
th,td{text-align:left;padding:.4rem .5rem;border-bottom:1px solid #e5e6ea;vertical-align:top}
th{font-size:.8rem;text-transform:uppercase;letter-spacing:.02em;color:#555;font-weight:600}
td.nombre,th.nombre{text-align:right;white-space:nowrap}
td.actions{white-space:nowrap}
td.actions a{margin-right:.6rem}
.code{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:.82rem;color:#555}
.sensible{display:inline-block;font-size:.75rem;font-weight:700;padding:0 .45rem;border-radius:1rem;background:#fef4e6;color:#a94b00;border:1px solid #f3c78b;margin-left:.35rem}
.vide{color:#666;font-style:italic}
a{color:#000091}
.compte{font-weight:400;color:#666;font-size:.9rem}
`;
