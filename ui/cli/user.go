package cli

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"
	"golang.org/x/term"

	"rolo/app"
)

func userCommand(getenv func(string) string, stdin io.Reader, stdout io.Writer) *cobra.Command {
	cmd := &cobra.Command{Use: "user", Short: "Add, list, disable users and set passwords (for scripts and lost passwords)"}
	lines := bufio.NewReader(stdin)

	add := &cobra.Command{
		Use:   "add --email E --name N --role R [--password P]",
		Short: "Add a user; without --password it is read from a prompt or standard input",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			email, _ := cmd.Flags().GetString("email")
			name, _ := cmd.Flags().GetString("name")
			role, _ := cmd.Flags().GetString("role")
			password, _ := cmd.Flags().GetString("password")
			if !cmd.Flags().Changed("password") {
				var err error
				if password, err = readPassword(stdin, lines, stdout); err != nil {
					return err
				}
			}
			a, err := openApp(cmd, getenv)
			if err != nil {
				return err
			}
			defer a.Close()
			u, err := a.CreateUser(cmd.Context(), nil, app.NewUser{Name: name, Email: email, Role: app.Role(role), Password: password})
			if err != nil {
				return cliError(err)
			}
			_, err = fmt.Fprintf(stdout, "Added %s <%s> as %s\n", u.Name, u.Email, u.Role)
			return err
		},
	}
	add.Flags().String("email", "", "email address to log in with")
	add.Flags().String("name", "", "full name")
	add.Flags().String("role", "sales", "admin, manager, sales, marketing, support or viewer")
	add.Flags().String("password", "", "password (avoid: it stays in your shell history)")

	list := &cobra.Command{
		Use:   "list",
		Short: "List users",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			a, err := openApp(cmd, getenv)
			if err != nil {
				return err
			}
			defer a.Close()
			users, err := a.Users(cmd.Context(), nil)
			if err != nil {
				return err
			}
			w := tabwriter.NewWriter(stdout, 0, 0, 2, ' ', 0)
			fmt.Fprintln(w, "EMAIL\tNAME\tROLE\tSTATUS\tLAST LOGIN")
			for _, u := range users {
				status, last := "active", "never"
				if u.Disabled {
					status = "disabled"
				}
				if !u.LastLoginAt.IsZero() {
					last = u.LastLoginAt.Local().Format("2006-01-02 15:04")
				}
				fmt.Fprintf(w, "%s\t%s\t%s\t%s\t%s\n", u.Email, u.Name, u.Role, status, last)
			}
			return w.Flush()
		},
	}

	passwd := &cobra.Command{
		Use:   "passwd EMAIL",
		Short: "Set a new password for a user (read from a prompt or standard input)",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			a, err := openApp(cmd, getenv)
			if err != nil {
				return err
			}
			defer a.Close()
			u, err := a.UserByEmail(cmd.Context(), args[0])
			if err != nil {
				return cliError(err)
			}
			password, err := readPassword(stdin, lines, stdout)
			if err != nil {
				return err
			}
			if err := a.ResetPassword(cmd.Context(), nil, u.ID, password); err != nil {
				return cliError(err)
			}
			_, err = fmt.Fprintf(stdout, "Password changed for %s; their sessions were ended\n", u.Email)
			return err
		},
	}

	disable := &cobra.Command{
		Use:   "disable EMAIL",
		Short: "Stop a user from logging in and end their sessions",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			a, err := openApp(cmd, getenv)
			if err != nil {
				return err
			}
			defer a.Close()
			u, err := a.UserByEmail(cmd.Context(), args[0])
			if err != nil {
				return cliError(err)
			}
			if _, err := a.SetDisabled(cmd.Context(), nil, u.ID, true); err != nil {
				return cliError(err)
			}
			_, err = fmt.Fprintf(stdout, "Disabled %s\n", u.Email)
			return err
		},
	}
	cmd.AddCommand(add, list, passwd, disable)
	return cmd
}

// readPassword prompts twice on a terminal, or reads one line when
// standard input is a pipe (scripts).
func readPassword(stdin io.Reader, lines *bufio.Reader, stdout io.Writer) (string, error) {
	if f, ok := stdin.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		fmt.Fprint(stdout, "Password: ")
		first, err := term.ReadPassword(int(f.Fd()))
		fmt.Fprintln(stdout)
		if err != nil {
			return "", err
		}
		fmt.Fprint(stdout, "Repeat password: ")
		second, err := term.ReadPassword(int(f.Fd()))
		fmt.Fprintln(stdout)
		if err != nil {
			return "", err
		}
		if string(first) != string(second) {
			return "", errors.New("the passwords do not match")
		}
		return string(first), nil
	}
	line, err := lines.ReadString('\n')
	if err != nil && !(errors.Is(err, io.EOF) && line != "") {
		return "", errors.New("no password given: pass --password, type it at the prompt, or pipe it on standard input")
	}
	return strings.TrimRight(line, "\r\n"), nil
}
