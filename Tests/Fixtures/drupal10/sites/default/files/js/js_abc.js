/* @license GPL-2.0-or-later https://www.drupal.org/licensing/faq */
(function(Drupal,once){Drupal.behaviors.acmeForms={attach(context){once('acme-forms','.acme-quote-form',context).forEach((el)=>{el.classList.add('is-ready');});}};})(Drupal,once);
