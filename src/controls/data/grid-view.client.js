// Deltaform GridView: paging and sorting through client callbacks
// (EnableSortingAndPagingCallbacks="true"). Plain ES2019, no dependencies.
//
// The grid keeps its paging and sort state in a hidden field named '<UniqueID>$state'
// ("pageIndex|A or D|sortExpression"). A pager or sort link calls
//   WebForm_DoCallback('<UniqueID>', DeltaformGridView_Arg('<UniqueID>', 'Page$3'),
//                      DeltaformGridView_Receive, ['<UniqueID>', '<ClientID>__div'], null, false)
// and the server answers "<new state>|<table HTML>": the table replaces the content of the
// grid's '<ClientID>__div' element and the hidden field takes the new state, so a later full
// postback (or the next callback) starts from what the user sees.
;(function (global) {
  'use strict'

  // Hidden fields are written with id = name.
  function stateField(uniqueId) {
    return document.getElementById(uniqueId + '$state')
  }

  // The callback argument: the current state, then the command ("2|A|Name|Page$3").
  global.DeltaformGridView_Arg = function (uniqueId, command) {
    var field = stateField(uniqueId)
    return (field ? field.value : '0|A|') + '|' + command
  }

  // The callback result: "pageIndex|A or D|sortExpression|<html>".
  global.DeltaformGridView_Receive = function (result, context) {
    var text = String(result)
    var cut = -1
    for (var i = 0; i < 3; i++) {
      cut = text.indexOf('|', cut + 1)
      if (cut < 0) return
    }
    var field = stateField(context[0])
    if (field) field.value = text.slice(0, cut)
    var container = document.getElementById(context[1])
    if (container) container.innerHTML = text.slice(cut + 1)
  }
})(typeof window !== 'undefined' ? window : this)
