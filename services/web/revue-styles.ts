/** The review station's stylesheet, inlined in every page (the CSP allows inline styles and the station's own script); the system's own font, found at once. */
export const revueStyles = `
*{box-sizing:border-box}
body{margin:0;font:14px/1.4 system-ui,sans-serif;color:#1e1e1e;background:#f4f5f7}
header{background:#000091;color:#fff;padding:.45rem 1rem;display:flex;align-items:center;gap:1rem;flex-wrap:wrap}
header .titre{font-weight:700;margin-right:1rem}
header nav{display:flex;gap:.2rem;margin-right:auto}
header nav a{color:#fff;text-decoration:none;padding:.2rem .6rem;border-radius:4px}
header nav a.actif{background:#fff;color:#000091;font-weight:700}
header .qui{font-size:.85rem;opacity:.9}
header form{margin:0}
header button{background:transparent;border:1px solid #fff;color:#fff;padding:.2rem .7rem;border-radius:4px;font:inherit;cursor:pointer}
main{padding:.8rem 1rem}
h1{font-size:1.25rem;margin:.1rem 0 .6rem}
h2{font-size:1rem;margin:.2rem 0 .4rem;color:#000091}
section{background:#fff;border:1px solid #dcdee3;border-radius:6px;padding:.7rem .9rem;margin-bottom:.8rem}
kbd{display:inline-block;min-width:1.3em;padding:0 .3em;border:1px solid #8a8f99;border-bottom-width:2px;border-radius:3px;background:#fff;font:600 .78rem ui-monospace,Menlo,Consolas,monospace;color:#1e1e1e;text-align:center}
.touches{display:flex;flex-wrap:wrap;gap:.25rem .9rem;font-size:.82rem;color:#333;margin:.3rem 0}
table{width:100%;border-collapse:collapse;font-size:.88rem}
/* fixed layout: a long queue is laid out from its first row, not measured cell by cell */
#file{table-layout:fixed}
#file td{overflow:hidden;text-overflow:ellipsis}
th,td{text-align:left;padding:.3rem .45rem;border-bottom:1px solid #e5e6ea;vertical-align:top}
th{font-size:.75rem;text-transform:uppercase;letter-spacing:.02em;color:#555;font-weight:600}
td.nombre,th.nombre{text-align:right;white-space:nowrap}
tr.choisie{outline:2px solid #000091;outline-offset:-2px;background:#eef1ff}
tr.depassee td:first-child{border-left:5px solid #ce0500}
tr.proche td:first-child{border-left:5px solid #f5a300}
.echeance.depassee{color:#ce0500;font-weight:700}
.echeance.proche{color:#a94b00;font-weight:700}
.pastille{display:inline-block;font-size:.75rem;font-weight:600;padding:0 .45rem;border-radius:1rem;background:#e8edff;color:#000091;white-space:nowrap}
.pastille.tenue{background:#fef4e6;color:#a94b00}
.pastille.radiee{background:#fdecea;color:#ce0500}
.pastille.active{background:#e8f5ec;color:#18753c}
.compteurs{display:flex;flex-wrap:wrap;gap:.35rem;margin:.3rem 0 .6rem}
.compteurs a{text-decoration:none}
.filtres{display:flex;gap:.6rem;align-items:flex-end;flex-wrap:wrap}
label{display:block;font-weight:600;font-size:.82rem;margin-bottom:.15rem}
input[type=text],input[type=password],select{font:inherit;height:2.1rem;padding:.25rem .5rem;border:1px solid #8a8f99;border-radius:4px;background:#fff;width:100%}
button,.bouton{font:inherit;font-weight:600;padding:.35rem .9rem;border-radius:4px;border:1px solid #000091;background:#000091;color:#fff;cursor:pointer;text-decoration:none;display:inline-block}
.message{border-left:5px solid;padding:.5rem .8rem;margin-bottom:.8rem;background:#fff;border-radius:4px}
.message strong{display:block}
.message.ok{border-color:#18753c;background:#e8f5ec}
.message.info{border-color:#0063cb;background:#e8f0fb}
.message.erreur{border-color:#ce0500;background:#fdecea}
.code{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:.8rem;color:#555}
.vide{color:#666;font-style:italic}
a{color:#000091}
.barre{height:.55rem;background:#e5e6ea;border-radius:.3rem;overflow:hidden;min-width:8rem}
.barre span{display:block;height:100%;background:#000091}
/* the task: thumbnails, the page, the evidence and the decision side by side */
.tache{display:grid;grid-template-columns:8.5rem minmax(0,1fr) 24rem;gap:.7rem;height:calc(100vh - 3rem);padding:.6rem .8rem}
.vignettes{overflow-y:auto;background:#fff;border:1px solid #dcdee3;border-radius:6px;padding:.3rem}
.vignette{position:relative;border:2px solid transparent;border-radius:4px;padding:2px;margin:0 auto;text-align:center;font-size:.72rem}
.vignette img{width:100%;display:block;background:#fff;border:1px solid #ccc;transition:transform .15s}
.vignette.courante{border-color:#000091;background:#eef1ff}
.vignette.couverture img{outline:3px solid #0063cb}
.vignette.blanche img,.vignette.ecartee img{opacity:.35}
.vignette.ecartee{border-style:dashed;border-color:#8a8f99}
.vignette .etiquette{display:block;font-weight:600}
.vignette .doc{position:absolute;top:4px;left:4px;background:#000091;color:#fff;border-radius:3px;padding:0 .3rem;font-size:.7rem}
.coupure{display:block;width:100%;height:.9rem;border:0;background:none;padding:0;cursor:pointer;position:relative}
.coupure::after{content:"";position:absolute;left:5%;right:5%;top:50%;border-top:1px dashed #c5c8cf}
.coupure.active::after{border-top:3px solid #ce0500}
.centre{display:flex;flex-direction:column;gap:.4rem;min-height:0}
.barre-touches{background:#fff;border:1px solid #dcdee3;border-radius:6px;padding:.3rem .6rem;margin:0}
.grande{flex:1;min-height:0;overflow:auto;background:#5b5f66;border-radius:6px;text-align:center;position:relative}
.grande img{max-width:100%;transform-origin:center;transition:transform .15s;background:#fff;margin:.5rem auto;display:block}
.grande .legende{position:sticky;top:0;background:rgba(0,0,0,.6);color:#fff;font-size:.8rem;padding:.2rem .5rem;z-index:1}
.panneau{overflow-y:auto;display:flex;flex-direction:column;gap:.5rem}
.panneau section{margin:0}
.zone img{max-width:100%;border:1px solid #ccc}
.lectures{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:.85rem}
.suggestions{list-style:none;margin:.2rem 0 0;padding:0;border:1px solid #c5c8cf;border-radius:4px;max-height:14rem;overflow-y:auto;background:#fff}
.suggestions li{padding:.25rem .45rem;cursor:pointer;font-size:.85rem}
.suggestions li.choisie{background:#000091;color:#fff}
.suggestions:empty{display:none}
.erreur-champ{color:#ce0500;font-weight:600;font-size:.82rem;margin-top:.2rem}
.erreur-champ:empty{display:none}
.confirme{font-size:.85rem;margin-top:.2rem}
.document{border:1px solid #dcdee3;border-radius:4px;padding:.35rem .5rem;margin-bottom:.35rem}
.document.courant{border-color:#000091;background:#f5f6ff}
.document .entete{display:flex;justify-content:space-between;gap:.4rem;font-size:.85rem}
.tenue-bandeau{background:#fef4e6;border-left:5px solid #f5a300;padding:.5rem .8rem;margin:.6rem .8rem 0}
`;
