import { createHash } from 'node:crypto';

/**
 * The station's one script, served at /revue/station.js (the CSP allows scripts from the station
 * itself only). Keyboard first: every action has a key shown on the page. It reads the task from
 * the page's JSON block and calls the API through /revue/api/…, which adds the session's token.
 * Written without a build step or a framework, for the browsers the operators have.
 */
export const stationScript: string = String.raw`'use strict';
(function () {
  var root = document.querySelector('[data-vue]');
  var vue = root ? root.getAttribute('data-vue') : null;
  function inField(e) {
    var t = e.target;
    return t instanceof HTMLInputElement || t instanceof HTMLSelectElement || t instanceof HTMLTextAreaElement || (t instanceof HTMLElement && t.isContentEditable);
  }
  function plain(e) { return !e.ctrlKey && !e.metaKey && !e.altKey; }
  function navLink(key) { return document.querySelector('header nav a[data-touche="' + key + '"]'); }
  function api(method, path, body) {
    var init = { method: method, headers: { 'x-station': '1' } };
    if (body !== undefined) { init.headers['content-type'] = 'application/json'; init.body = JSON.stringify(body); }
    return fetch('/revue/api' + path, init).then(function (r) {
      if (r.status === 204) return { ok: true, status: 204, body: null };
      return r.json().then(function (b) { return { ok: r.ok, status: r.status, body: b }; }, function () { return { ok: r.ok, status: r.status, body: null }; });
    });
  }
  function el(tag, attrs, children) {
    var n = document.createElement(tag);
    if (attrs) Object.keys(attrs).forEach(function (k) {
      if (k === 'text') n.textContent = attrs[k];
      else if (k === 'class') n.className = attrs[k];
      else n.setAttribute(k, attrs[k]);
    });
    (children || []).forEach(function (c) { if (c) n.appendChild(typeof c === 'string' ? document.createTextNode(c) : c); });
    return n;
  }
  function fold(text) { return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase(); }

  if (vue === 'file') return queue();
  if (vue === 'tache') return task();
  document.addEventListener('keydown', function (e) {
    if (inField(e) || !plain(e)) return;
    var a = navLink(e.key);
    if (a) { e.preventDefault(); location.href = a.href; }
  });

  // the queue: move with the arrows or j/k, Enter opens, n takes the next free task
  function queue() {
    var rows = Array.prototype.slice.call(document.querySelectorAll('#file tbody tr'));
    var i = 0;
    // the queue's filters follow the operator from task to task (Entrée after a decision opens the next one of them)
    var filters = new URLSearchParams(location.search);
    filters.delete('fin');
    filters.delete('cursor');
    sessionStorage.setItem('revue-filtres', filters.toString());
    function select(j) {
      if (rows.length === 0) return;
      rows[i].classList.remove('choisie');
      i = Math.max(0, Math.min(rows.length - 1, j));
      rows[i].classList.add('choisie');
      rows[i].scrollIntoView({ block: 'nearest' });
    }
    document.addEventListener('keydown', function (e) {
      if (inField(e) || !plain(e)) return;
      var a = navLink(e.key);
      if (a) location.href = a.href;
      else if (e.key === 'ArrowDown' || e.key === 'j') select(i + 1);
      else if (e.key === 'ArrowUp' || e.key === 'k') select(i - 1);
      else if (e.key === 'Enter' && rows[i] && rows[i].getAttribute('data-href')) location.href = rows[i].getAttribute('data-href');
      else if (e.key === 'n') location.href = '/revue/suivante?' + filters.toString();
      else if (e.key === 'ArrowRight' && document.getElementById('suivantes')) location.href = document.getElementById('suivantes').getAttribute('href');
      else if (e.key === 'ArrowLeft' && filters.has('cursor')) history.back();
      else if (e.key === '/') document.getElementById('motif').focus();
      else return;
      e.preventDefault();
    });
  }

  function task() {
    var data = JSON.parse(document.getElementById('donnees').textContent);
    var tache = data.tache;
    var readOnly = data.lectureSeule;
    // a task holding a whole envelope: its cover is always said, even when the operator took it off
    var coverMotif = ['couverture_non_rattachee', 'pli_a_verifier', 'plis_declares_different'].indexOf(tache.motif) !== -1;
    var taskPages = tache.pages.slice().sort(function (a, b) { return a - b; });
    var dropped = tache.pagesBlanches.map(function (b) { return b.page; });
    var all = taskPages.concat(dropped).sort(function (a, b) { return a - b; });
    var state = {
      current: 0,
      cover: new Set(tache.proposition.couverture),
      blank: new Set(),
      restored: new Set(),
      rotation: {},
      cuts: new Set(),
      types: new Map(),
      zoom: 1,
    };
    tache.proposition.documents.forEach(function (d, k) {
      var first = Math.min.apply(null, d.pages);
      if (k > 0) state.cuts.add(first);
      if (d.type) state.types.set(first, { categorie: d.categorie, type: d.type, confiance: d.confiance });
    });
    var plan = [];
    // a search typed before the plan has arrived waits for it
    var planReady = api('GET', '/v1/plan').then(function (r) {
      if (!r.ok) return;
      r.body.categories.forEach(function (c) {
        c.types.forEach(function (t) {
          plan.push({ categorie: c.code, type: t.code, libelle: t.libelle, categorieLibelle: c.libelle, maxType: t.maxDocuments, maxCategorie: c.maxDocuments, cle: fold(c.code + ' ' + t.code + ' ' + t.libelle + ' ' + c.libelle) });
        });
      });
      render();
    });
    function label(t) {
      var found = plan.find(function (p) { return p.categorie === t.categorie && p.type === t.type; });
      return t.categorie + '/' + t.type + (found ? ' · ' + found.libelle : '');
    }
    function isDropped(p) { return dropped.indexOf(p) !== -1; }
    function included(p) { return isDropped(p) ? state.restored.has(p) : !state.blank.has(p) && !state.cover.has(p); }
    function documents() {
      var docs = [];
      var cur = null;
      all.forEach(function (p) {
        if (!included(p)) return;
        if (!cur || state.cuts.has(p)) { cur = { pages: [] }; docs.push(cur); }
        cur.pages.push(p);
      });
      docs.forEach(function (d) {
        var key = d.pages.find(function (p) { return state.types.has(p); });
        d.type = key === undefined ? null : state.types.get(key);
      });
      return docs;
    }
    function page() { return all[state.current]; }
    function docOf(p, docs) { return docs.findIndex(function (d) { return d.pages.indexOf(p) !== -1; }); }
    function image(p) {
      var b = tache.pagesBlanches.find(function (x) { return x.page === p; });
      return '/revue/api' + (b ? b.image : '/v1/revue/' + tache.id + '/pages/' + p + '.webp');
    }
    function roleText(p, docs) {
      if (state.cover.has(p)) return 'couverture';
      if (isDropped(p)) return state.restored.has(p) ? 'blanche reprise, document ' + (docOf(p, docs) + 1) : 'blanche écartée';
      if (state.blank.has(p)) return 'blanche';
      return 'document ' + (docOf(p, docs) + 1);
    }

    var strip = document.getElementById('vignettes');
    var big = document.getElementById('page');
    var legend = document.getElementById('legende');
    var docsBox = document.getElementById('documents');
    function render() {
      var docs = documents();
      strip.textContent = '';
      all.forEach(function (p, i) {
        if (i > 0) {
          var cut = el('button', { type: 'button', class: 'coupure' + (state.cuts.has(p) ? ' active' : ''), title: 'coupure avant la page ' + (p + 1), tabindex: '-1', 'data-coupure': String(p) });
          cut.addEventListener('click', function () { toggleCut(p); });
          strip.appendChild(cut);
        }
        var classes = ['vignette'];
        if (i === state.current) classes.push('courante');
        if (state.cover.has(p)) classes.push('couverture');
        if (state.blank.has(p)) classes.push('blanche');
        if (isDropped(p) && !state.restored.has(p)) classes.push('ecartee');
        var d = docOf(p, docs);
        var img = el('img', { src: image(p), alt: 'page ' + (p + 1), loading: 'lazy' });
        img.style.transform = 'rotate(' + (state.rotation[p] || 0) + 'deg)';
        var box = el('div', { class: classes.join(' '), 'data-page': String(p) }, [
          d >= 0 ? el('span', { class: 'doc', text: 'D' + (d + 1) }) : null,
          img,
          el('span', { class: 'etiquette', text: 'p. ' + (p + 1) }),
          el('span', { text: roleText(p, docs) }),
        ]);
        box.addEventListener('click', function () { state.current = i; render(); });
        strip.appendChild(box);
      });
      var current = strip.querySelector('.courante');
      if (current) current.scrollIntoView({ block: 'nearest' });
      var p = page();
      if (p === undefined) {
        // a file that gave no page (unreadable, encrypted, empty): nothing to place, only to reject
        big.removeAttribute('src');
        legend.textContent = 'Aucune page lisible : rejetez la tâche avec son motif (x).';
        docsBox.textContent = '';
        return;
      }
      if (big.getAttribute('src') !== image(p)) big.setAttribute('src', image(p));
      // zoom widens the image inside its scrolling frame, so every part of it can be reached
      big.style.width = state.zoom === 1 ? '' : state.zoom * 100 + '%';
      big.style.maxWidth = state.zoom === 1 ? '' : 'none';
      big.style.transform = 'rotate(' + (state.rotation[p] || 0) + 'deg)';
      legend.textContent = 'Page ' + (p + 1) + ' · ' + roleText(p, docs) + (state.rotation[p] ? ' · tournée de ' + state.rotation[p] + '°' : '') + ' · zoom ' + Math.round(state.zoom * 100) + ' %';
      docsBox.textContent = '';
      var currentDoc = docOf(p, docs);
      if (docs.length === 0) docsBox.appendChild(el('p', { class: 'vide', text: 'Aucun document : toutes les pages sont couverture ou blanches.' }));
      docs.forEach(function (d, k) {
        var typeText = d.type ? label(d.type) + (d.type.confiance != null ? ' (confiance ' + Number(d.type.confiance).toFixed(2) + ')' : '') : 'type à choisir';
        docsBox.appendChild(el('div', { class: 'document' + (k === currentDoc ? ' courant' : ''), 'data-document': String(k) }, [
          el('div', { class: 'entete' }, [el('strong', { text: 'Document ' + (k + 1) }), el('span', { class: 'code', text: 'pages ' + d.pages.map(function (x) { return x + 1; }).join(', ') })]),
          el('div', { class: d.type ? '' : 'vide', 'data-type': d.type ? d.type.categorie + '/' + d.type.type : '', text: typeText }),
        ]));
      });
    }

    function toggleCut(p) {
      if (readOnly) return;
      if (state.cuts.has(p)) state.cuts.delete(p);
      else {
        var docs = documents();
        var d = docs[docOf(p, docs)];
        state.cuts.add(p);
        // the new document starts with the type of the one it was cut from, to be changed with t
        if (d && d.type && !state.types.has(p)) state.types.set(p, d.type);
      }
      render();
    }
    function setType(t) {
      var docs = documents();
      var d = docs[docOf(page(), docs)];
      if (!d) { showError('erreur-documents', 'La page courante n’est dans aucun document : choisissez une page d’un document.'); return; }
      d.pages.forEach(function (p) { state.types.delete(p); });
      state.types.set(d.pages[0], { categorie: t.categorie, type: t.type, confiance: null });
      render();
    }

    // a list of suggestions under a field: the arrows choose, Enter takes, Escape leaves
    function suggester(input, list, search, take) {
      var items = [];
      var chosen = 0;
      var timer = null;
      var asked = 0; // only the answer to the latest text is shown, however the answers arrive
      function draw() {
        list.textContent = '';
        items.forEach(function (it, k) {
          var li = el('li', { class: k === chosen ? 'choisie' : '', role: 'option', text: it.text });
          li.addEventListener('mousedown', function (e) { e.preventDefault(); chosen = k; pick(); });
          list.appendChild(li);
        });
      }
      function pick() {
        var it = items[chosen];
        if (!it) return false;
        asked++; // an answer still on its way is no longer wanted
        take(it);
        items = [];
        draw();
        input.blur();
        return true;
      }
      input.addEventListener('input', function () {
        clearTimeout(timer);
        timer = setTimeout(function () {
          var mine = ++asked;
          Promise.resolve(search(input.value)).then(function (found) { if (mine === asked) { items = found; chosen = 0; draw(); } });
        }, 120);
      });
      input.addEventListener('keydown', function (e) {
        if (e.key === 'ArrowDown') { chosen = Math.min(items.length - 1, chosen + 1); draw(); }
        else if (e.key === 'ArrowUp') { chosen = Math.max(0, chosen - 1); draw(); }
        else if (e.key === 'Enter') { if (!pick()) input.blur(); }
        else if (e.key === 'Escape') { items = []; draw(); input.blur(); }
        else return;
        e.preventDefault();
        e.stopPropagation();
      });
      input.addEventListener('blur', function () { setTimeout(function () { items = []; draw(); }, 150); });
    }

    var nu = document.getElementById('nu');
    var confirmed = document.getElementById('nu-confirme');
    function confirmText(d) {
      confirmed.textContent = '';
      if (!d) return;
      confirmed.appendChild(el('span', { text: d.nom.toUpperCase() + ' ' + d.prenom + ' · né(e) le ' + d.dateNaissance.split('-').reverse().join('/') + ' ' }));
      confirmed.appendChild(el('span', { class: 'pastille ' + d.etat, text: d.etat }));
    }
    function lookup(q) {
      if (q.trim().length < 2) return Promise.resolve([]);
      return api('GET', '/v1/demandes?limit=8&q=' + encodeURIComponent(q)).then(function (r) { return r.ok ? r.body.items : []; });
    }
    suggester(nu, document.getElementById('nu-suggestions'), function (q) {
      return lookup(q).then(function (found) {
        return found.map(function (d) { return { text: d.numeroUnique + ' — ' + d.nom.toUpperCase() + ' ' + d.prenom + ' · ' + d.etat, demande: d }; });
      });
    }, function (it) { nu.value = it.demande.numeroUnique; confirmText(it.demande); showError('erreur-nu', ''); });
    nu.addEventListener('input', function () { confirmed.textContent = ''; });
    if (nu.value) lookup(nu.value).then(function (found) { confirmText(found.find(function (d) { return d.numeroUnique === nu.value; })); });

    var typeInput = document.getElementById('type');
    suggester(typeInput, document.getElementById('type-suggestions'), function (q) {
      var words = fold(q).split(/\s+/).filter(Boolean);
      if (words.length === 0) return [];
      return planReady.then(function () { return plan.filter(function (t) { return words.every(function (w) { return t.cle.indexOf(w) !== -1; }); }).slice(0, 12).map(function (t) {
        var limits = [t.maxType != null ? t.maxType + ' max. par type' : null, t.maxCategorie != null ? t.maxCategorie + ' max. dans la catégorie' : null].filter(Boolean).join(', ');
        return { text: t.categorie + '/' + t.type + ' — ' + t.libelle + ' (' + (limits || 'sans limite') + ')', type: t };
      }) });
    }, function (it) { setType(it.type); typeInput.value = ''; showError('erreur-documents', ''); });

    var rejet = document.getElementById('rejet');
    rejet.addEventListener('keydown', function (e) {
      if (e.key === 'Enter') { e.preventDefault(); e.stopPropagation(); submit({ rejet: rejet.value }); }
      else if (e.key === 'Escape') { e.preventDefault(); e.stopPropagation(); rejet.blur(); }
    });

    function showError(id, text) { var n = document.getElementById(id); if (n) n.textContent = text; }
    function clearErrors() { ['erreur-nu', 'erreur-documents', 'erreur-rejet', 'erreur-generale'].forEach(function (id) { showError(id, ''); }); }
    var fieldOf = {
      numero_unique_invalide: 'erreur-nu', demande_inconnue: 'erreur-nu', demande_radiee: 'erreur-nu',
      limite_categorie_atteinte: 'erreur-documents', type_inconnu: 'erreur-documents', taille_depassee: 'erreur-documents',
    };
    var sending = false;
    function submit(body) {
      if (readOnly || sending) return;
      clearErrors();
      sending = true;
      api('POST', '/v1/revue/' + tache.id + '/resolution', body).then(function (r) {
        sending = false;
        if (r.ok) { location.href = '/revue/suivante?apres=' + tache.id + '&' + (sessionStorage.getItem('revue-filtres') || ''); return; }
        var b = r.body || {};
        var where = body.rejet !== undefined && b.code === 'requete_invalide' ? 'erreur-rejet' : fieldOf[b.code] || 'erreur-generale';
        showError(where, b.detail || 'refusé (' + r.status + ')');
      }, function () { sending = false; showError('erreur-generale', 'Le service ne répond pas : réessayez.'); });
    }
    function validate() {
      var docs = documents();
      var blanches = Array.from(state.blank);
      if (docs.length === 0) {
        if (blanches.length === 0 && state.cover.size === 0) { showError('erreur-documents', 'Rien à classer : indiquez les documents, ou rejetez la tâche (x).'); return; }
        if (!nu.value.trim()) return submit({ documents: [], blanches: blanches });
      }
      var missing = docs.findIndex(function (d) { return !d.type; });
      if (missing !== -1) { showError('erreur-documents', 'Document ' + (missing + 1) + ' : type à choisir (t).'); return; }
      if (!nu.value.trim()) { showError('erreur-nu', 'Saisissez ou choisissez le numéro unique (n).'); return; }
      var body = {
        numeroUnique: nu.value.trim(),
        documents: docs.map(function (d) { return { pages: d.pages, categorie: d.type.categorie, type: d.type.type }; }),
        blanches: blanches,
        rotations: Object.keys(state.rotation).filter(function (p) { return state.rotation[p] && included(Number(p)); }).map(function (p) { return { page: Number(p), angle: state.rotation[p] }; }),
      };
      if (coverMotif || state.cover.size > 0) body.couverture = Array.from(state.cover).sort(function (a, b) { return a - b; });
      submit(body);
    }
    function leave(href) {
      if (readOnly) { location.href = href; return; }
      fetch('/revue/api/v1/revue/' + tache.id + '/prise', { method: 'DELETE', headers: { 'x-station': '1' }, keepalive: true }).finally(function () { location.href = href; });
    }
    // the hold lasts a few minutes: renewed while the task stays open here
    if (!readOnly) setInterval(function () { api('POST', '/v1/revue/' + tache.id + '/prise'); }, 120000);

    document.addEventListener('keydown', function (e) {
      if (inField(e) || !plain(e)) return;
      var p = page();
      var a = navLink(e.key);
      if (a) leave(a.href);
      else if (e.key === 'ArrowRight' || e.key === 'ArrowDown' || e.key === 'j') { state.current = Math.min(all.length - 1, state.current + 1); render(); }
      else if (e.key === 'ArrowLeft' || e.key === 'ArrowUp' || e.key === 'k') { state.current = Math.max(0, state.current - 1); render(); }
      else if (e.key === '+' || e.key === '=') { state.zoom = Math.min(3, state.zoom + 0.5); render(); }
      else if (e.key === '-') { state.zoom = Math.max(1, state.zoom - 0.5); render(); }
      else if (e.key === 'Escape') leave('/revue');
      else if (readOnly) return;
      else if (e.key === 'n') nu.focus();
      else if (e.key === 't') typeInput.focus();
      else if (e.key === 'x') rejet.focus();
      else if (p === undefined && e.key !== 'Enter') return;
      else if (e.key === 's') { if (state.current > 0) toggleCut(p); }
      else if (e.key === 'r') { state.rotation[p] = ((state.rotation[p] || 0) + 90) % 360; render(); }
      else if (e.key === 'b') {
        if (isDropped(p)) { if (state.restored.has(p)) state.restored.delete(p); else state.restored.add(p); }
        else if (state.blank.has(p)) state.blank.delete(p);
        else { state.blank.add(p); state.cover.delete(p); }
        render();
      }
      else if (e.key === 'c') {
        if (isDropped(p)) return;
        if (state.cover.has(p)) state.cover.delete(p); else { state.cover.add(p); state.blank.delete(p); }
        render();
      }
      else if (e.key === 'Enter') validate();
      else return;
      e.preventDefault();
    });
    render();
  }
})();
`;

/** Where the page loads the script: its content's hash in the URL, so a browser keeps it until it changes. */
export const stationScriptPath = `/revue/station.js?v=${createHash('sha256').update(stationScript).digest('hex').slice(0, 12)}`;
