<?php

use Twig\Environment;
use Twig\Error\LoaderError;
use Twig\Error\RuntimeError;
use Twig\Extension\SandboxExtension;
use Twig\Markup;
use Twig\Sandbox\SecurityError;
use Twig\Sandbox\SecurityNotAllowedTagError;
use Twig\Sandbox\SecurityNotAllowedFilterError;
use Twig\Sandbox\SecurityNotAllowedFunctionError;
use Twig\Source;
use Twig\Template;

/* core/themes/olivero/templates/layout/page.html.twig */
class __TwigTemplate_3f0d1c2b7e5a49f68a1b2c3d4e5f6a7b extends Template
{
    private $source;
    private $macros = [];

    public function __construct(Environment $env)
    {
        parent::__construct($env);

        $this->source = $this->getSourceContext();

        $this->parent = false;

        $this->blocks = [
        ];
    }

    protected function doDisplay(array $context, array $blocks = [])
    {
        $macros = $this->macros;
        // line 1
        echo "<div class=\"layout-container\">\n";
    }

    public function getTemplateName()
    {
        return "core/themes/olivero/templates/layout/page.html.twig";
    }

    public function getSourceContext()
    {
        return new Source("", "core/themes/olivero/templates/layout/page.html.twig", "/var/www/drupal/core/themes/olivero/templates/layout/page.html.twig");
    }
}
