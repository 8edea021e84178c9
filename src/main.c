/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "access-keys"

#include "config.h"

#include <glib/gi18n.h>

#include "ak-application.h"
#include "ak-keystone-provider.h"
#include "ak-provider-factory.h"

/* Every account the app opens speaks to Keystone. */
static AkProvider *
keystone_factory (AkAccount *account,
                  AkSecret  *secret,
                  gpointer   user_data)
{
  return ak_keystone_provider_new (account, secret);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(AkApplication) application = NULL;
  const char *localedir;

  /* Set by `meson devenv` to the build's po/, so the uninstalled app speaks
   * the user's language too; an installed app finds its own. */
  localedir = g_getenv ("AK_LOCALEDIR");
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  g_set_application_name (_("Access Keys"));

  ak_provider_factory_install (keystone_factory, NULL, NULL);
  application = ak_application_new ();

  return g_application_run (G_APPLICATION (application), argc, argv);
}
