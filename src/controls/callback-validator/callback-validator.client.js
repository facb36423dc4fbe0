// Deltaform CallbackValidator: checks one field on the server through a client callback when
// the user leaves it, and shows the outcome in a mark after the field. Plain ES2019, no
// dependencies.
//
// The server hooks each checked TextBox with
//   onchange="WebForm_DoCallback('<CallbackValidator UniqueID>',
//     DeltaformCallbackValidator.argument('<field ClientID>','<field UniqueID>',this.value),
//     DeltaformCallbackValidator.receive,DeltaformCallbackValidator.context('<field ClientID>'),
//     DeltaformCallbackValidator.error,true);"
// and its startup script calls DeltaformCallbackValidator.init('<ClientID>', [{ id, name }, …]),
// which puts a <span class="callback-mark" aria-live="polite"> after each field. The server
// answers {"field":"<ClientID>","valid":true|false,"messages":[…]}.
;(function (global) {
  'use strict'
  if (global.DeltaformCallbackValidator) return

  var fields = [] // { id, name } of the checked fields, from init
  var latest = {} // field ClientID → number of its latest check: older answers are dropped
  var titles = {} // field ClientID → the field's own title, given back once it is valid
  var hooked = false

  function markId(id) {
    return id + '__mark'
  }

  // The mark after the field, created when missing (also after an UpdatePanel re-rendered it).
  function ensureMark(id) {
    var field = document.getElementById(id)
    if (!field || !field.parentNode) return null
    var mark = document.getElementById(markId(id))
    if (mark) return mark
    mark = document.createElement('span')
    mark.id = markId(id)
    mark.className = 'callback-mark'
    mark.setAttribute('aria-live', 'polite')
    field.parentNode.insertBefore(mark, field.nextSibling)
    // Screen readers on the field hear the mark's name ("valid" or the messages).
    var described = (field.getAttribute('aria-describedby') || '').split(/\s+/).filter(Boolean)
    if (described.indexOf(mark.id) < 0) field.setAttribute('aria-describedby', described.concat(mark.id).join(' '))
    if (!(id in titles)) titles[id] = field.getAttribute('title')
    return mark
  }

  function restoreTitle(field, id) {
    if (titles[id] == null) field.removeAttribute('title')
    else field.setAttribute('title', titles[id])
  }

  function show(id, kind, text, label) {
    var mark = ensureMark(id)
    if (!mark) return null
    mark.textContent = text
    mark.className = 'callback-mark callback-mark-' + kind
    if (label) {
      mark.setAttribute('role', 'img')
      mark.setAttribute('aria-label', label)
    } else {
      mark.removeAttribute('role')
      mark.removeAttribute('aria-label')
    }
    return document.getElementById(id)
  }

  // The dispatcher HTML-encodes error messages; a textarea decodes them without parsing markup.
  function decode(text) {
    var area = document.createElement('textarea')
    area.innerHTML = String(text)
    return area.value
  }

  function isLatest(context) {
    return !!context && (latest[context.id] || 0) === context.n
  }

  function hookPartialUpdates() {
    if (hooked) return
    var prm = global.Sys && global.Sys.WebForms && global.Sys.WebForms.PageRequestManager
    var instance = prm && prm.getInstance && prm.getInstance()
    if (!instance || !instance.add_endRequest) return
    hooked = true
    instance.add_endRequest(function () {
      fields.forEach(function (f) {
        ensureMark(f.id)
      })
    })
  }

  global.DeltaformCallbackValidator = {
    // Marks the checked fields: [{ id: '<ClientID>', name: '<UniqueID>' }, …].
    init: function (_ownerId, list) {
      ;(list || []).forEach(function (f) {
        if (!fields.some(function (known) { return known.id === f.id })) fields.push(f)
        ensureMark(f.id)
      })
      hookPartialUpdates()
      if (!hooked) global.addEventListener('load', hookPartialUpdates)
    },

    // The callback argument, with the value the field holds now.
    argument: function (id, name, value) {
      latest[id] = (latest[id] || 0) + 1
      return JSON.stringify({ field: String(name), value: value == null ? '' : String(value) })
    },

    // Which check an answer belongs to (evaluated right after argument()).
    context: function (id) {
      return { id: id, n: latest[id] || 0 }
    },

    receive: function (result, context) {
      if (!isLatest(context)) return
      var answer = null
      try {
        answer = JSON.parse(result)
      } catch (e) {
        answer = null
      }
      if (!answer || answer.field !== context.id || typeof answer.valid !== 'boolean') {
        global.DeltaformCallbackValidator.error('The server sent an answer this page cannot read.', context)
        return
      }
      var messages = Array.isArray(answer.messages) ? answer.messages.map(String) : []
      if (answer.valid) {
        var valid = show(context.id, 'valid', '\u2713', 'valid')
        if (!valid) return
        valid.setAttribute('aria-invalid', 'false')
        restoreTitle(valid, context.id)
      } else {
        var label = messages.join(' ') || 'invalid'
        var invalid = show(context.id, 'invalid', '\u2717', label)
        if (!invalid) return
        invalid.setAttribute('aria-invalid', 'true')
        invalid.setAttribute('title', messages.join('\n') || label)
      }
    },

    // An "e<message>" answer: the message takes the mark's place; the field is unjudged.
    error: function (message, context) {
      if (!isLatest(context)) return
      var field = show(context.id, 'error', decode(message), null)
      if (!field) return
      field.removeAttribute('aria-invalid')
      restoreTitle(field, context.id)
    },
  }
})(typeof window !== 'undefined' ? window : this)
