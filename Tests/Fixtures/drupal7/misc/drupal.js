(function ($) { Drupal.behaviors.acme = { attach: function (context) {} }; })(jQuery);
